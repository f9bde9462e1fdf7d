package dev.voicegen.pipeline.run;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * XTTS sampling: how each row's audio codes are drawn (specs/xtts-onnx.md), and the job seed
 * every row's seed derives from.
 */
public interface SamplingOptions extends PipelineOptions {
  @Description("XTTS sampling temperature")
  @Default.Float(0.75f)
  float getTemperature();

  void setTemperature(float value);

  @Description("XTTS top-k sampling")
  @Default.Integer(50)
  int getTopK();

  void setTopK(int value);

  @Description("XTTS top-p (nucleus) sampling")
  @Default.Float(0.85f)
  float getTopP();

  void setTopP(float value);

  @Description("XTTS repetition penalty (CTRL rule)")
  @Default.Float(10.0f)
  float getRepetitionPenalty();

  void setRepetitionPenalty(float value);

  @Description("XTTS: most audio codes per text piece")
  @Default.Integer(602)
  int getMaxCodes();

  void setMaxCodes(int value);

  @Description("Job seed; each row's sampling seed derives from it and the row id")
  @Default.Long(0L)
  long getSeed();

  void setSeed(long value);
}
