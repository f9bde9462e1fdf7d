package dev.voicegen.pipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicegen.pipeline.transcribe.TranscribeOptions;
import dev.voicegen.pipeline.run.RunOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** A required option that is missing or blank stops the job with one line naming the flag. */
class RequiredOptionsTest {
  private static RunOptions run(String... args) {
    PipelineOptionsFactory.register(RunOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(RunOptions.class);
  }

  @Test
  void theManifestComesFirstThenTheOutputInheritedFromItsOwnInterface() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RequiredOptions.check(run(), RunOptions.class));
    assertEquals("--manifest is required: Manifest: a file, glob or URI (CSV, JSON Lines or Parquet)", e.getMessage());
    e = assertThrows(
        ConfigurationException.class,
        () -> RequiredOptions.check(run("--manifest=m.csv", "--output= "), RunOptions.class));
    assertEquals("--output is required: Output directory or URI", e.getMessage());
  }

  @Test
  void givenRequiredOptionsPass() {
    RequiredOptions.check(run("--manifest=m.csv", "--output=out"), RunOptions.class);
  }

  @Test
  void transcribeNamesItsInput() {
    PipelineOptionsFactory.register(TranscribeOptions.class);
    TranscribeOptions o = PipelineOptionsFactory.fromArgs("--output=o").as(TranscribeOptions.class);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> RequiredOptions.check(o, TranscribeOptions.class));
    assertEquals(
        "--input is required: Audio files to transcribe: a glob or URI (e.g. corpus/**.wav, s3://bucket/audio/*)",
        e.getMessage());
  }
}
