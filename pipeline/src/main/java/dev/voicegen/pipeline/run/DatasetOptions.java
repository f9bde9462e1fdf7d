package dev.voicegen.pipeline.run;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Where the dataset goes and what each of its rows carries: the folder, audio format and
 * loudness, MFCC, resume.
 */
public interface DatasetOptions extends PipelineOptions {
  @Validation.Required
  @Description("Output directory or URI")
  String getOutput();

  void setOutput(String value);

  @Description("Output audio format: wav")
  @Default.String("wav")
  String getAudioFormat();

  void setAudioFormat(String value);

  @Description("Loudness target of the generated audio in LUFS (default -23, true peak under -1 dBTP)")
  Double getOutputLufs();

  void setOutputLufs(Double value);

  @Description("Add an MFCC column (librosa definition) with N coefficients of each output")
  Integer getMfcc();

  void setMfcc(Integer value);

  @Description("Skip rows whose audio and metadata already exist in --output")
  @Default.Boolean(false)
  boolean getResume();

  void setResume(boolean value);
}
