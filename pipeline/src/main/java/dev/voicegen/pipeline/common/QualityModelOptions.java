package dev.voicegen.pipeline.common;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where the quality models are (DNSMOS and Silero VAD), for every command that scores or cuts
 * speech: run, transcribe, analyze and {@code models pull} read the same folder.
 */
public interface QualityModelOptions extends PipelineOptions {
  @Description("Folder holding the quality models dnsmos/ and silero-vad/ (bin/voicegen models pull dnsmos|silero-vad)")
  @Default.String("models")
  String getQualityModelDir();

  void setQualityModelDir(String value);
}
