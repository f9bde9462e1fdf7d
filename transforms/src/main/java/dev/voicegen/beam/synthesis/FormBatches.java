package dev.voicegen.beam.synthesis;

import dev.voicegen.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Cuts rows (keyed by sample hash, each with its attempt number) into {@link SynthesisBatch}es of one language and text-length
 * bucket, each at most {@code batchSize} rows and {@code batchTokens} tokens.
 *
 * <p>Every bucket is one key of a {@link GroupIntoBatches}, which buffers a sort window of
 * {@link #SORT_WINDOW} batches in state and emits it when full (or when the input ends); the window
 * is sorted by text length and cut greedily, so every batch of a bucket is full except where the
 * token budget cuts it and at the bucket's tail. A bucket is not split over shards: the
 * per-worker-thread shards of {@code withShardedKey} would spread a small bucket over every thread
 * of a worker and leave each with a partial batch, and buffering a row costs nothing next to
 * synthesising it. The batches are spread over the workers afterwards by the caller.
 */
final class FormBatches extends PTransform<PCollection<KV<String, RowAttempt>>, PCollection<SynthesisBatch>> {
  /** Batches per sort window: enough to sort neighbours by length, small enough to hold. */
  static final int SORT_WINDOW = 8;

  private final int batchSize;
  private final long batchTokens;
  private final int maxCodes;

  /**
   * @param batchSize most rows per batch
   * @param batchTokens most tokens per batch, a row counting {@link #tokens}
   * @param maxCodes the engine's cap on audio codes per row
   */
  FormBatches(int batchSize, long batchTokens, int maxCodes) {
    this.batchSize = batchSize;
    this.batchTokens = batchTokens;
    this.maxCodes = maxCodes;
  }

  /** Text-length bucket: 0 for under 32 characters, then one per doubling, at most 8. */
  static int lengthBucket(String text) {
    return Math.min(8, 32 - Integer.numberOfLeadingZeros(text.length() / 32));
  }

  /**
   * A row's share of the token budget: its prefix, bounded by its character count (a text token
   * covers at least one character), plus the most codes it may generate.
   */
  static long tokens(ManifestEntry row, int maxCodes) {
    return (long) row.text().length() + maxCodes;
  }

  @Override
  public PCollection<SynthesisBatch> expand(PCollection<KV<String, RowAttempt>> rows) {
    int codes = maxCodes;
    SerializableFunction<KV<String, RowAttempt>, Long> weigher = kv -> tokens(kv.getValue().entry(), codes);
    return rows.apply("KeyByLanguageAndLength", ParDo.of(new BucketKeyFn()))
        .setCoder(
            KvCoder.of(
                StringUtf8Coder.of(),
                KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RowAttempt.class))))
        .apply(
            "SortWindows",
            GroupIntoBatches.<String, KV<String, RowAttempt>>ofSize((long) batchSize * SORT_WINDOW)
                .withByteSize(saturatedProduct(batchTokens, SORT_WINDOW), weigher))
        .apply("CutBatches", ParDo.of(new CutFn(batchSize, batchTokens, maxCodes)))
        .setCoder(SerializableCoder.of(SynthesisBatch.class));
  }

  private static long saturatedProduct(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** {@code language|bucket} for each row, with the row's sample hash. */
  static final class BucketKeyFn
      extends DoFn<KV<String, RowAttempt>, KV<String, KV<String, RowAttempt>>> {
    @ProcessElement
    public void process(
        @Element KV<String, RowAttempt> kv,
        OutputReceiver<KV<String, KV<String, RowAttempt>>> out) {
      ManifestEntry e = kv.getValue().entry();
      out.output(KV.of(e.language() + "|" + lengthBucket(e.text()), kv));
    }
  }

  /** Sorts one window by text length and cuts it into batches within both bounds. */
  static final class CutFn extends DoFn<KV<String, Iterable<KV<String, RowAttempt>>>, SynthesisBatch> {
    private final int batchSize;
    private final long batchTokens;
    private final int maxCodes;

    CutFn(int batchSize, long batchTokens, int maxCodes) {
      this.batchSize = batchSize;
      this.batchTokens = batchTokens;
      this.maxCodes = maxCodes;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<String, RowAttempt>>> window,
        OutputReceiver<SynthesisBatch> out) {
      List<KV<String, RowAttempt>> sorted = new ArrayList<>();
      window.getValue().forEach(sorted::add);
      // ties by id keep the cut the same on every run
      sorted.sort(
          Comparator.comparingInt((KV<String, RowAttempt> kv) -> kv.getValue().entry().text().length())
              .thenComparing(kv -> kv.getValue().entry().id()));
      for (SynthesisBatch batch : cut(sorted, batchSize, batchTokens, maxCodes)) {
        out.output(batch);
      }
    }
  }

  /**
   * Greedy cut in order: a batch closes at {@code batchSize} rows or before the row that would take
   * it over {@code batchTokens}; a row over the budget on its own goes alone.
   */
  static List<SynthesisBatch> cut(
      List<KV<String, RowAttempt>> rows, int batchSize, long batchTokens, int maxCodes) {
    List<SynthesisBatch> batches = new ArrayList<>();
    List<RowAttempt> batch = new ArrayList<>(batchSize);
    List<String> hashes = new ArrayList<>(batchSize);
    long tokens = 0;
    for (KV<String, RowAttempt> kv : rows) {
      long t = tokens(kv.getValue().entry(), maxCodes);
      if (!batch.isEmpty() && (batch.size() == batchSize || tokens + t > batchTokens)) {
        batches.add(new SynthesisBatch(batch, hashes));
        batch = new ArrayList<>(batchSize);
        hashes = new ArrayList<>(batchSize);
        tokens = 0;
      }
      batch.add(kv.getValue());
      hashes.add(kv.getKey());
      tokens += t;
    }
    if (!batch.isEmpty()) {
      batches.add(new SynthesisBatch(batch, hashes));
    }
    return batches;
  }
}
