package dev.voicegen.pipeline.voicegen;

import dev.voicegen.beam.synthesis.SynthesizeSpeech;
import dev.voicegen.pipeline.common.QualityModelOptions;
import dev.voicegen.pipeline.common.RuntimeOptions;
import dev.voicegen.manifest.RowRules;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The options of {@code bin/voicegen run}; every other Beam option passes through. */
public interface VoicegenOptions extends RuntimeOptions, QualityModelOptions, AcceptanceOptions {

  @Description("Manifest: a file, glob or URI (CSV, JSON Lines or Parquet)")
  String getManifest();

  void setManifest(String value);

  @Description("Output directory or URI")
  String getOutput();

  void setOutput(String value);

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

  @Description("Output audio format: wav")
  @Default.String("wav")
  String getAudioFormat();

  void setAudioFormat(String value);

  @Description("Skip rows whose audio and metadata already exist in --output")
  @Default.Boolean(false)
  boolean getResume();

  void setResume(boolean value);

  @Description(
      "Most characters (Unicode code points) of a row's text; longer rows fail with text_too_long")
  @Default.Integer(RowRules.DEFAULT_MAX_TEXT_CHARS)
  int getMaxTextChars();

  void setMaxTextChars(int value);

  @Description("Validate and analyze only, no synthesis: the metadata rows without audio")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description("Add an MFCC column (librosa definition) with N coefficients of each output")
  Integer getMfcc();

  void setMfcc(Integer value);

  @Description("Loudness target of the generated audio in LUFS (default -23, true peak under -1 dBTP)")
  Double getOutputLufs();

  void setOutputLufs(Double value);

  @Description("Transcribe each output with Whisper and record transcript, CER and WER")
  @Default.Boolean(false)
  boolean getVerifyAsr();

  void setVerifyAsr(boolean value);

  @Description("With --verifyAsr: rows whose CER exceeds X go to errors/ (stage verify), audio not kept")
  Double getMaxCer();

  void setMaxCer(Double value);

  @Description("Whisper model directory for --verifyAsr (Hugging Face ONNX layout)")
  @Default.String("models/whisper-base")
  String getAsrModelDir();

  void setAsrModelDir(String value);

  @Description("With --verifyAsr: load Whisper's int8 graphs (onnx/*_quantized.onnx) instead of the float ones")
  @Default.Boolean(false)
  boolean getAsrQuantized();

  void setAsrQuantized(boolean value);

  @Description("A run-configs/*.properties file; command-line flags win")
  String getConfig();

  void setConfig(String value);

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

  @Description("Keep per-sample engine state (XTTS conditioning) in OUTPUT/cache/voice-state for reruns")
  @Default.Boolean(false)
  boolean getCacheVoiceState();

  void setCacheVoiceState(boolean value);

  @Description("Seconds between progress lines on stderr")
  @Default.Double(5.0)
  double getProgressSeconds();

  void setProgressSeconds(double value);

  @Description("The espeak-ng program used by the reference engine")
  @Default.String("espeak-ng")
  String getEspeakExecutable();

  void setEspeakExecutable(String value);
}
