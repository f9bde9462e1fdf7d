package dev.voicegen.pipeline.common;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options every voicegen job has (run and transcribe): where the ONNX models execute, and logging.
 * One definition, so the two jobs cannot drift apart in a default or in what they accept.
 */
public interface RuntimeOptions extends PipelineOptions {
  @Description("Execution device for the ONNX models: cpu, cuda or cuda:N (needs the -Pgpu build)")
  @Default.String("cpu")
  String getDevice();

  void setDevice(String value);

  @Description("ONNX Runtime intra-op threads per session (0 = all cores)")
  @Default.Integer(0)
  int getOnnxThreads();

  void setOnnxThreads(int value);

  // read by VoicegenCli.configureLogging before Log4j starts; log4j2.xml holds the default
  @Description("Folder for log files (default: the logs folder of the voicegen installation)")
  String getLogDir();

  void setLogDir(String value);

  @Description("DEBUG logging")
  @Default.Boolean(false)
  boolean getVerbose();

  void setVerbose(boolean value);

  @Description("TRACE logging")
  @Default.Boolean(false)
  boolean getDebug();

  void setDebug(boolean value);
}
