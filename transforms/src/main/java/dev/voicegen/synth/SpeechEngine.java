package dev.voicegen.synth;

import java.util.List;

/**
 * Turns batches of synthesis requests into speech. Implementations are loaded once per JVM and
 * may be called from several threads; a failure of one row is a failed result, not an exception.
 */
public interface SpeechEngine extends AutoCloseable {

  /** The engine's name as recorded in the metadata {@code engine} column. */
  String name();

  /** The engine's own version (program or model), or null when unknown. */
  String version();

  /** Whether the output is in the reference voice; false for reference engines. */
  boolean clones();

  /** The model's identity for the metadata {@code model_version} column, or null. */
  default String modelVersion() {
    return null;
  }

  /** Settings recorded in every metadata row (column name to value), e.g. sampling parameters. */
  default java.util.Map<String, Object> settings() {
    return java.util.Map.of();
  }

  /**
   * Synthesises a batch.
   *
   * @return one result per request, in request order
   */
  List<SynthesisResult> synthesize(List<SynthesisRequest> batch);

  @Override
  default void close() {}
}
