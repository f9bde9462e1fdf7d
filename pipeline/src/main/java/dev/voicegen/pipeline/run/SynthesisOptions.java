package dev.voicegen.pipeline.run;

import dev.voicegen.beam.synthesis.SynthesizeSpeech;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The engine and how rows reach it: engine and model, batching, reference preprocessing, the
 * per-sample state cache.
 */
public interface SynthesisOptions extends PipelineOptions {
  @Description("Synthesis engine: auto (XTTS when a model is found, else espeak-ng), xtts, espeak")
  @Default.String("auto")
  String getEngine();

  void setEngine(String value);

  @Description("XTTS model directory")
  @Default.String("models/xtts-v2")
  String getModelDir();

  void setModelDir(String value);

  @Description("Rows per synthesis batch")
  @Default.Integer(8)
  int getBatchSize();

  void setBatchSize(int value);

  @Description(
      "Most tokens per synthesis batch, a row counting its text's characters plus --maxCodes;"
          + " bounds the engine's memory for long texts")
  @Default.Long(SynthesizeSpeech.DEFAULT_BATCH_TOKENS)
  long getBatchTokens();

  void setBatchTokens(long value);

  @Description("Reference preprocessing: seed (the pydub reference chain) or broadcast")
  @Default.String("seed")
  String getPreprocess();

  void setPreprocess(String value);

  @Description("The espeak-ng program used by the reference engine")
  @Default.String("espeak-ng")
  String getEspeakExecutable();

  void setEspeakExecutable(String value);

  @Description("Keep per-sample engine state (XTTS conditioning) in OUTPUT/cache/voice-state for reruns")
  @Default.Boolean(false)
  boolean getCacheVoiceState();

  void setCacheVoiceState(boolean value);
}
