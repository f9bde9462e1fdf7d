package dev.voicegen.pipeline.run;

import dev.voicegen.quality.ReferenceGates;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The checks every reference sample must pass before any synthesis (and in a dry run): rows of a
 * sample that fails one go to errors/ with stage analyze and reason no_speech,
 * reference_too_short or reference_low_quality.
 */
public interface ReferenceGateOptions extends PipelineOptions {
  @Description(
      "Seconds of speech a reference sample needs (Silero VAD in --qualityModelDir, else the energy"
          + " VAD); rows of a sample with less fail with reference_too_short, with none no_speech")
  @Default.Double(ReferenceGates.DEFAULT_MIN_SPEECH_S)
  double getMinReferenceSpeech();

  void setMinReferenceSpeech(double value);

  @Description(
      "Lowest DNSMOS OVRL (1-5) of a reference sample; rows of a sample under it fail with"
          + " reference_low_quality. Needs the DNSMOS model in --qualityModelDir. Default: no check")
  Double getMinReferenceDnsmos();

  void setMinReferenceDnsmos(Double value);
}
