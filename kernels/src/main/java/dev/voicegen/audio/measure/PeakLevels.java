package dev.voicegen.audio.measure;

import java.io.Serializable;

/**
 * Sample peak and true peak of a clip, as linear magnitudes (full scale 1.0) over all channels.
 *
 * @param samplePeak the largest |sample|
 * @param truePeak the largest |value| of the oversampled signal, never below {@code samplePeak}
 */
public record PeakLevels(double samplePeak, double truePeak) implements Serializable {
  /** Sample peak in dBFS; null for digital silence. */
  public Double samplePeakDbfs() {
    return decibels(samplePeak);
  }

  /** True peak in dBTP; null for digital silence. */
  public Double truePeakDbtp() {
    return decibels(truePeak);
  }

  static Double decibels(double magnitude) {
    return magnitude > 0 ? 20.0 * Math.log10(magnitude) : null;
  }
}
