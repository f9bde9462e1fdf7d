package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.pipeline.cli.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;

/** A dataset read back from a local folder the way a user reads it, with the product invariants. */
final class FinishedDataset {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Path root;
  final List<GenericRecord> metadata;
  final List<GenericRecord> errors;
  final List<JsonNode> manifestLines = new ArrayList<>();
  final JsonNode summary;

  FinishedDataset(Path root) throws IOException {
    this.root = root;
    this.metadata = parquet(root.resolve("metadata"));
    this.errors = parquet(root.resolve("errors"));
    for (String line : Files.readAllLines(root.resolve("manifest.jsonl"))) {
      if (!line.isBlank()) {
        manifestLines.add(JSON.readTree(line));
      }
    }
    this.summary = JSON.readTree(root.resolve("summary.json").toFile());
  }

  /**
   * Every row exactly once: each usable id in metadata or errors, never both, never twice; the
   * NeMo manifest and the audio files match the metadata; counts add up; no working folder left.
   */
  void assertEveryRowExactlyOnce(Set<String> expectedIds, long rowsIn) throws IOException {
    List<String> ok = new ArrayList<>();
    metadata.forEach(r -> ok.add(r.get("id").toString()));
    List<String> failed = new ArrayList<>();
    long failedWithoutId = 0;
    for (GenericRecord e : errors) {
      if (e.get("id") == null) {
        failedWithoutId++;
      } else {
        failed.add(e.get("id").toString());
      }
    }
    assertEquals(ok.size(), new HashSet<>(ok).size(), "duplicate ids in metadata: " + ok);
    assertEquals(failed.size(), new HashSet<>(failed).size(), "duplicate ids in errors: " + failed);
    Set<String> both = new HashSet<>(ok);
    both.retainAll(failed);
    assertTrue(both.isEmpty(), "ids both in metadata and errors: " + both);
    Set<String> all = new HashSet<>(ok);
    all.addAll(failed);
    assertEquals(expectedIds, all, "ids in metadata + errors");
    assertEquals(rowsIn, ok.size() + failed.size() + failedWithoutId, "rows in metadata + errors");

    assertEquals(rowsIn, summary.path("rows_in").asLong(), "summary rows_in");
    assertEquals(ok.size(), summary.path("rows_ok").asLong(), "summary rows_ok");
    assertEquals(failed.size() + failedWithoutId, summary.path("rows_failed").asLong(), "rows_failed");

    List<String> nemo = new ArrayList<>();
    manifestLines.forEach(n -> nemo.add(n.path("id").asText()));
    assertEquals(ok.size(), nemo.size(), "manifest.jsonl lines");
    assertEquals(new HashSet<>(ok), new HashSet<>(nemo), "manifest.jsonl ids");

    List<Path> audio = files(root.resolve("audio"));
    assertEquals(ok.size(), audio.size(), "audio files: " + audio);
    for (GenericRecord r : metadata) {
      Path wav = root.resolve(r.get("audio_filepath").toString());
      assertTrue(Files.size(wav) > 44, "audio of " + r.get("id") + " is empty: " + wav);
    }
    for (String working : List.of("_temp", "_stats", "_resume")) {
      assertFalse(Files.exists(root.resolve(working)), working + " was left in " + root);
    }
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Every row of the Parquet files under {@code dir}, in file-name order. */
  static List<GenericRecord> parquet(Path dir) throws IOException {
    return Datasets.parquetRows(dir);
  }
}
