package dev.voicegen.pipeline.transcribe;

import dev.voicegen.pipeline.common.QualityModelOptions;
import dev.voicegen.pipeline.common.RuntimeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Options of {@code bin/voicegen transcribe}; any Beam option (runner, Flink) passes through. */
public interface TranscribeOptions extends RuntimeOptions, QualityModelOptions {
  @Validation.Required
  @Description("Audio files to transcribe: a glob or URI (e.g. corpus/**.wav, s3://bucket/audio/*)")
  String getInput();

  void setInput(String value);

  @Validation.Required
  @Description("Output directory or URI: transcripts/, errors/, summary.json")
  String getOutput();

  void setOutput(String value);

  /**
   * {@code --modelDir} on the command line: RunOptions, registered in the same JVM, owns
   * {@code modelDir} with the XTTS default, and Beam requires one default per property name, so
   * {@link TranscribeJob#parseOptions} renames the flag.
   */
  @Description("Whisper model directory in the Hugging Face ONNX layout (--modelDir)")
  @Default.String("models/whisper-base")
  String getWhisperModelDir();

  void setWhisperModelDir(String value);

  @Description("Language code of every file (e.g. en); detected per file when not given")
  String getLanguage();

  void setLanguage(String value);

  // Integer with no @Default, as in RunOptions: both are registered in one JVM (default 13)
  @Description("MFCC coefficients per frame in the tokens column (librosa definition); default 13")
  Integer getMfcc();

  void setMfcc(Integer value);

  @Description("Files per Whisper batch")
  @Default.Integer(8)
  int getBatchSize();

  void setBatchSize(int value);

  @Description("Load the int8 graphs (onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx)")
  @Default.Boolean(false)
  boolean getQuantized();

  void setQuantized(boolean value);
}
