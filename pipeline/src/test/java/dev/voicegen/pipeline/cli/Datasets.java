package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads a finished dataset back the way a user would: Parquet files, JSON, WAV files. */
public final class Datasets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Datasets() {}

  /** Every row of the Parquet files under {@code dir}, in file-name order; none when it is missing. */
  public static List<GenericRecord> parquetRows(Path dir) throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return rows;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path file : files) {
      rows.addAll(parquetFile(file));
    }
    return rows;
  }

  static List<GenericRecord> parquetFile(Path file) throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        rows.add(r);
      }
    }
    return rows;
  }

  static List<GenericRecord> metadata(Path output) throws IOException {
    return parquetRows(output.resolve("metadata"));
  }

  static List<GenericRecord> errors(Path output) throws IOException {
    return parquetRows(output.resolve("errors"));
  }

  static JsonNode summary(Path output) throws IOException {
    return JSON.readTree(output.resolve("summary.json").toFile());
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  static void assertContains(String haystack, String needle) {
    assertTrue(
        haystack != null && haystack.contains(needle),
        () -> "expected '" + needle + "' in: " + haystack);
  }
}
