package dev.voicegen.pipeline.run;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Best-of-N synthesis: how many attempts a row gets and the gates an attempt must meet to be kept
 * ({@code --maxCer}, the third gate, is the Whisper check's option in {@link AsrCheckOptions}).
 */
public interface AcceptanceOptions extends PipelineOptions {
  @Description(
      "Most attempts per row (1-10): a row whose output misses a gate (--maxCer, --minSpeakerSimilarity,"
          + " --minDnsmos) is synthesised again with the next seed; a row that misses on every attempt"
          + " goes to errors/")
  @Default.Integer(1)
  int getAttempts();

  void setAttempts(int value);

  @Description("Gate: the least speaker similarity (-1 to 1) of a kept output; needs an engine that clones (XTTS)")
  Double getMinSpeakerSimilarity();

  void setMinSpeakerSimilarity(Double value);

  @Description("Gate: the least DNSMOS OVRL (0 to 5; a MOS on the 1-5 scale) of a kept output; needs DNSMOS in --qualityModelDir")
  Double getMinDnsmos();

  void setMinDnsmos(Double value);
}
