package dev.voicegen.quality;

/**
 * The quality model results of one clip; a part is null when its model was not found (never a
 * made-up number).
 */
public record ClipQuality(DnsmosScore dnsmos, VadResult vad) {}
