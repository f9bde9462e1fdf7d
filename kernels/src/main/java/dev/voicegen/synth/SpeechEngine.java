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

  /**
   * The licence of the model's weights for the metadata {@code model_license} column ({@code
   * ModelLicense#id}), or null when the engine has no model weights.
   */
  default String modelLicense() {
    return null;
  }

  /** Settings recorded in every metadata row (column name to value), e.g. sampling parameters. */
  default java.util.Map<String, Object> settings() {
    return java.util.Map.of();
  }

  /**
   * What the job's summary.json records about the loaded engine (name to value), e.g. XTTS's
   * {@code xtts_batching}: facts of this load, where {@link #settings} are the job's options.
   */
  default java.util.Map<String, String> summaryFacts() {
    return java.util.Map.of();
  }

  /**
   * What the engine needs from a reference sample, computed once per distinct sample so that rows
   * of many voices can share a batch without carrying the audio (XTTS: conditioning latents and
   * speaker embedding). Null when the engine needs nothing.
   */
  default java.io.Serializable prepareVoice(String sha256, dev.voicegen.audio.AudioClip reference) {
    return null;
  }

  /**
   * Counts of the calling thread's last {@link #synthesize} call, name to value, which the pipeline
   * adds to Beam counters {@code synthesize.<name>}: XTTS reports {@code decode_steps} and
   * {@code decode_host_bytes} (bytes handed between host memory and ONNX Runtime in decode steps).
   */
  default java.util.Map<String, Long> lastBatchCounts() {
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
