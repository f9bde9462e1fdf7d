package dev.voicegen.pipeline.run;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The ASR check of {@code run}: Whisper transcribes each output and CER/WER are recorded;
 * {@code --maxCer} makes CER a gate.
 */
public interface AsrCheckOptions extends PipelineOptions {
  @Description("Transcribe each output with Whisper and record transcript, CER and WER")
  @Default.Boolean(false)
  boolean getVerifyAsr();

  void setVerifyAsr(boolean value);

  @Description("With --verifyAsr, a gate: outputs whose CER exceeds X are not kept (tried again with --attempts, else errors/, stage verify)")
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
}
