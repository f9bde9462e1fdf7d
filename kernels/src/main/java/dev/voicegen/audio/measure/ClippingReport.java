package dev.voicegen.audio.measure;

import java.io.Serializable;

/**
 * What {@link ClippingDetector} found.
 *
 * @param extreme the clip's largest |sample| over all channels (full scale 1.0)
 * @param clippedSamples samples, over all channels, inside counted runs
 * @param runs counted runs, over all channels
 * @param clippedRatio {@code clippedSamples} / (frames x channels), 0 for an empty clip
 * @param clippedDurationS seconds during which at least one channel is inside a counted run
 */
public record ClippingReport(
    double extreme, long clippedSamples, int runs, double clippedRatio, double clippedDurationS)
    implements Serializable {}
