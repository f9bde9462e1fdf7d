/**
 * Measurement-grade analysis of voice samples (specs/voice-samples.md, "Measurement-grade
 * analysis"): BS.1770-4 loudness and true peak, WADA-SNR, clipping, speech activity, DC offset and
 * effective bandwidth, combined by {@link dev.voicegen.audio.measure.MeasurementAnalyzer} and scored
 * by {@link dev.voicegen.audio.measure.QualityScore}. Plain Java, no Beam; kernels read clips in place.
 */
package dev.voicegen.audio.measure;
