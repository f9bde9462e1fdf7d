package dev.voicegen.beam;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.manifest.ManifestEntry;
import java.io.Serializable;

/**
 * One synthesised row on its way to WriteDataset.
 *
 * @param entry the manifest row
 * @param voice the reference sample's analysis and changes, without audio
 * @param audio the speech
 * @param engine the engine's name
 * @param engineVersion the engine's version
 * @param seed the sampling seed, or null
 * @param synthesizeMs this row's share of its batch's synthesis time
 */
public record GeneratedSpeech(
    ManifestEntry entry,
    VoiceSample voice,
    AudioClip audio,
    String engine,
    String engineVersion,
    Long seed,
    double synthesizeMs)
    implements Serializable {}
