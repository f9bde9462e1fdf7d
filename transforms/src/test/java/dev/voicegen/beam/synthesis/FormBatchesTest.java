package dev.voicegen.beam.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** Rows of a language and length bucket reach the engine in full batches, short ones together. */
class FormBatchesTest {
  private static final int MAX_CODES = 41;

  /** Checks all the batches of a run; runs inside PAssert, so it must serialize. */
  private interface Check extends java.io.Serializable, java.util.function.Consumer<List<SynthesisBatch>> {}

  /** {@code n} rows of one language; row i has {@code length(i)} characters and sample {@code v<i%2>}. */
  private static List<KV<String, RowAttempt>> rows(
      String language, int n, java.util.function.IntUnaryOperator length) {
    List<KV<String, RowAttempt>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String text = "x".repeat(length.applyAsInt(i));
      String id = language + "-" + String.format("%03d", i);
      rows.add(KV.of("v" + (i % 2), RowAttempt.first(new ManifestEntry(id, text, "v.wav", language, null, null))));
    }
    return rows;
  }

  /** Runs FormBatches on DirectRunner (several threads, as jobs run) and checks the batches. */
  private static void assertBatches(
      List<KV<String, RowAttempt>> rows,
      int batchSize,
      long batchTokens,
      Check check) {
    Pipeline p =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
    PCollection<SynthesisBatch> batches =
        p.apply(
                Create.of(rows)
                    .withCoder(
                        KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RowAttempt.class))))
            .apply(new FormBatches(batchSize, batchTokens, MAX_CODES));
    PAssert.that(batches)
        .satisfies(
            got -> {
              List<SynthesisBatch> all = new ArrayList<>();
              got.forEach(all::add);
              check.accept(all);
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static List<Integer> sizes(List<SynthesisBatch> batches, String language) {
    List<Integer> sizes = new ArrayList<>();
    for (SynthesisBatch b : batches) {
      if (b.entries().get(0).language().equals(language)) {
        sizes.add(b.entries().size());
      }
    }
    sizes.sort(java.util.Collections.reverseOrder());
    return sizes;
  }

  @Test
  void fortyRowsOfOneBucketMakeTwoFullBatchesAndATail() {
    assertBatches(
        rows("en", 40, i -> 40 + i % 20),
        16,
        100_000,
        batches -> {
          assertEquals(List.of(16, 16, 8), sizes(batches, "en"));
          Map<String, String> hashById = new TreeMap<>();
          for (SynthesisBatch b : batches) {
            assertEquals(b.entries().size(), b.hashes().size());
            for (int i = 0; i < b.entries().size(); i++) {
              hashById.put(b.entries().get(i).id(), b.hashes().get(i));
            }
          }
          assertEquals(40, hashById.size(), "every row exactly once");
          hashById.forEach(
              (id, hash) ->
                  assertEquals("v" + (Integer.parseInt(id.substring(3)) % 2), hash, id + "'s sample"));
        });
  }

  @Test
  void eachLanguageAndBucketIsBatchedApart() {
    List<KV<String, RowAttempt>> rows = new ArrayList<>(rows("en", 35, i -> 40));
    rows.addAll(rows("de", 20, i -> 40));
    rows.addAll(rows("fr", 18, i -> i < 9 ? 10 : 100)); // buckets 0 and 2
    assertBatches(
        rows,
        16,
        100_000,
        batches -> {
          assertEquals(List.of(16, 16, 3), sizes(batches, "en"));
          assertEquals(List.of(16, 4), sizes(batches, "de"));
          assertEquals(List.of(9, 9), sizes(batches, "fr"));
          for (SynthesisBatch b : batches) {
            int bucket = FormBatches.lengthBucket(b.entries().get(0).text());
            b.entries().forEach(r -> assertEquals(bucket, FormBatches.lengthBucket(r.text()), r.id()));
          }
        });
  }

  @Test
  void theTokenBudgetCutsBatchesOfLongTexts() {
    // each row: 200 characters + 41 codes = 241 tokens; 1000 tokens hold 4 rows
    assertBatches(
        rows("en", 10, i -> 200),
        16,
        1000,
        batches -> {
          assertEquals(List.of(4, 4, 2), sizes(batches, "en"));
          for (SynthesisBatch b : batches) {
            long tokens = 0;
            for (ManifestEntry r : b.entries()) {
              tokens += FormBatches.tokens(r, MAX_CODES);
            }
            assertTrue(tokens <= 1000, tokens + " tokens");
          }
        });
  }

  @Test
  void rowsOfABucketAreSortedByLengthSoBatchesPadLittle() {
    // 32 rows of bucket 1 (32..63 characters) in mixed order: sorted, the short half and the long
    // half make the two batches
    assertBatches(
        rows("en", 32, i -> i % 2 == 0 ? 32 + i / 2 : 48 + i / 2),
        16,
        100_000,
        batches -> {
          assertEquals(List.of(16, 16), sizes(batches, "en"));
          for (SynthesisBatch b : batches) {
            int min = b.entries().stream().mapToInt(r -> r.text().length()).min().orElseThrow();
            int max = b.entries().stream().mapToInt(r -> r.text().length()).max().orElseThrow();
            assertTrue(max - min <= 15, "lengths " + min + ".." + max);
          }
        });
  }

  @Test
  void aRowOverTheBudgetGoesAlone() {
    List<KV<String, RowAttempt>> rows = rows("en", 3, i -> 40);
    List<SynthesisBatch> batches = FormBatches.cut(rows, 16, 50, MAX_CODES);
    assertEquals(3, batches.size());
  }
}
