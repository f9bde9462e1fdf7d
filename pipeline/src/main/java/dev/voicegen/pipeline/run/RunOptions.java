package dev.voicegen.pipeline.run;

import dev.voicegen.manifest.RowRules;
import dev.voicegen.pipeline.common.QualityModelOptions;
import dev.voicegen.pipeline.common.RuntimeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of {@code bin/voicegen run}, one interface per concern; the job's own are the
 * manifest, the text limit, the dry run, the config file and progress. Every other Beam option
 * passes through.
 */
public interface RunOptions
    extends RuntimeOptions,
        QualityModelOptions,
        SynthesisOptions,
        SamplingOptions,
        AsrCheckOptions,
        DatasetOptions,
        ReferenceGateOptions,
        AcceptanceOptions {
  @Validation.Required
  @Description("Manifest: a file, glob or URI (CSV, JSON Lines or Parquet)")
  String getManifest();

  void setManifest(String value);

  @Description(
      "Most characters (Unicode code points) of a row's text; longer rows fail with text_too_long")
  @Default.Integer(RowRules.DEFAULT_MAX_TEXT_CHARS)
  int getMaxTextChars();

  void setMaxTextChars(int value);

  @Description("Validate and analyze only, no synthesis: the metadata rows without audio")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean value);

  @Description("A run-configs/*.properties file; command-line flags win")
  String getConfig();

  void setConfig(String value);

  @Description("Seconds between progress lines on stderr")
  @Default.Double(5.0)
  double getProgressSeconds();

  void setProgressSeconds(double value);
}
