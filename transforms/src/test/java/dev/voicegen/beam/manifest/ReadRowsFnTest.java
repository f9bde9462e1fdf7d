package dev.voicegen.beam.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.manifest.ManifestParser;
import dev.voicegen.manifest.ParquetManifests;
import dev.voicegen.manifest.RawRow;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The splittable read checkpoints after every batch and still yields every row exactly once. */
class ReadRowsFnTest {
  @TempDir Path dir;

  /**
   * Reads {@code manifest} in batches of {@code batchRows}; expects {@code file:line|raw} rows, in
   * batches (one per checkpoint) of at most {@code maxBatch} rows.
   *
   * @param options pipeline options, such as a job's
   */
  private static PipelineResult assertReads(
      Path manifest, int batchRows, long maxBatch, List<String> expected, String... options) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(options).create());
    PCollection<List<RawRow>> batches =
        p.apply(FileIO.match().filepattern(manifest.toString()))
            .apply(FileIO.readMatches())
            .apply(ParDo.of(new ReadRowsFn(batchRows)))
            .setCoder(ListCoder.of(SerializableCoder.of(RawRow.class)));
    PCollection<String> rows =
        batches
            .apply(Flatten.iterables())
            .apply(MapElements.into(TypeDescriptors.strings()).via((RawRow r) -> r.source() + "|" + r.raw()));
    List<String> want = new ArrayList<>(expected);
    want.sort(null);
    PAssert.that(rows)
        .satisfies(
            got -> {
              List<String> all = new ArrayList<>();
              got.forEach(all::add);
              all.sort(null);
              assertEquals(want, all, "every row exactly once");
              return null;
            });
    PCollection<Integer> sizes =
        batches.apply(
            MapElements.into(TypeDescriptors.integers()).via((List<RawRow> b) -> b.size()));
    PAssert.that(sizes)
        .satisfies(
            got -> {
              got.forEach(n -> assertTrue(n <= maxBatch, n + " rows in a batch"));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  private static long counter(PipelineResult result, String name) {
    MetricsFilter filter =
        MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(StageMetrics.NAMESPACE, name))
            .build();
    long sum = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(filter).getCounters()) {
      sum += c.getCommitted();
    }
    return sum;
  }

  @Test
  void csvRowsWithLineBreaksInQuotesSurviveCheckpoints() throws IOException {
    StringBuilder csv = new StringBuilder("id,text,speaker_wav\r\n");
    List<String> rows = new ArrayList<>();
    int line = 2;
    for (int i = 0; i < 23; i++) {
      String raw = i % 4 == 1 ? "r" + i + ",\"two\nlines \u00e9\",v.wav" : "r" + i + ",text " + i + ",v.wav";
      csv.append(raw).append(i % 2 == 0 ? "\r\n" : "\n");
      rows.add(dir.resolve("m.csv") + ":" + line + "|" + raw);
      line += raw.contains("\n") ? 2 : 1;
    }
    Path manifest = dir.resolve("m.csv");
    Files.writeString(manifest, csv, StandardCharsets.UTF_8);
    assertReads(manifest, 3, 3, rows);
  }

  @Test
  void jsonLinesSurviveCheckpoints() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String raw = "{\"id\":\"r" + i + "\",\"text\":\"\u4e2d " + i + "\"}";
      jsonl.append(raw).append('\n');
      if (i == 5) {
        jsonl.append('\n'); // a blank line keeps its number
      }
      rows.add(dir.resolve("m.jsonl") + ":" + (i + 1 + (i > 5 ? 1 : 0)) + "|" + raw);
    }
    Path manifest = dir.resolve("m.jsonl");
    Files.writeString(manifest, jsonl, StandardCharsets.UTF_8);
    assertReads(manifest, 2, 2, rows);
  }

  /**
   * Rows of several large row groups come in batches of a fraction of a group, each read by a new
   * reader that decodes the group's rows before it again, but only a few times the file's rows.
   */
  @Test
  void parquetRowsSurviveCheckpointsInsideRowGroups() throws IOException {
    Path manifest = ParquetManifests.write(dir.resolve("m.parquet"), 30_000, 512 * 1024);
    List<Long> groups = ParquetManifests.groupRows(manifest);
    long largest = groups.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(groups.size() > 2 && largest > 8000, "several large row groups: " + groups);
    List<String> rows = new ArrayList<>();
    ManifestParser.parse(
        manifest.toString(),
        () -> FileChannel.open(manifest),
        r -> rows.add(r.source() + "|" + r.raw()));
    assertEquals(30_000, rows.size());
    // without DirectRunner's mutation checks, as jobs run: they would clone each row four times
    PipelineResult result =
        assertReads(
            manifest,
            400,
            largest / 3 + 1,
            rows,
            "--enforceImmutability=false",
            "--enforceEncodability=false");
    long reread = counter(result, "manifest.rows_reread");
    assertTrue(reread > 0, "readers resumed inside row groups");
    // ParquetRows.batchRows bounds the rows reread by 3 times the rows; fixed batches of 400
    // would reread about (group / 800) times the rows
    assertTrue(reread <= 3 * 30_000, reread + " rows reread for 30,000 rows");
  }
}
