package dev.voicegen.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads manifest files row by row into {@link RawRow}s. A row that does not parse becomes an
 * unparseable RawRow; only an unreadable file throws.
 */
public final class ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RAW = 2000;

  private ManifestParser() {}

  /** Opens the manifest's bytes again from the start (Parquet needs random access). */
  public interface ChannelOpener {
    SeekableByteChannel open() throws IOException;
  }

  /**
   * Streams the rows of one manifest file to {@code sink}.
   *
   * @param name the file's name or URI, used in each row's {@code source}
   */
  public static void parse(String name, ChannelOpener opener, Consumer<RawRow> sink)
      throws IOException {
    switch (ManifestFormat.forFileName(name)) {
      case CSV -> {
        try (InputStream in = java.nio.channels.Channels.newInputStream(opener.open())) {
          parseCsv(name, in, sink);
        }
      }
      case JSON_LINES -> {
        try (InputStream in = java.nio.channels.Channels.newInputStream(opener.open())) {
          parseJsonLines(name, in, sink);
        }
      }
      case PARQUET -> parseParquet(name, opener, sink);
    }
  }

  static void parseCsv(String name, InputStream in, Consumer<RawRow> sink) throws IOException {
    CsvRecordReader reader =
        new CsvRecordReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    CsvRecordReader.CsvRecord header = reader.next();
    if (header == null) {
      return;
    }
    if (header.problem() != null) {
      throw new IOException(name + ": header row does not parse: " + header.problem());
    }
    List<String> columns = header.fields().stream().map(ManifestParser::stripBom).toList();
    CsvRecordReader.CsvRecord record;
    while ((record = reader.next()) != null) {
      String source = name + ":" + record.line();
      String raw = abbreviate(record.raw());
      if (record.problem() != null) {
        sink.accept(RawRow.unparseable(source, raw, record.problem()));
      } else if (record.fields().size() > columns.size()) {
        sink.accept(
            RawRow.unparseable(
                source,
                raw,
                "row has " + record.fields().size() + " fields, the header has " + columns.size()));
      } else {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < record.fields().size(); i++) {
          fields.put(columns.get(i).strip(), record.fields().get(i));
        }
        sink.accept(RawRow.parsed(source, raw, fields));
      }
    }
  }

  static void parseJsonLines(String name, InputStream in, Consumer<RawRow> sink)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    long number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (number == 1) {
        line = stripBom(line);
      }
      if (line.isBlank()) {
        continue;
      }
      String source = name + ":" + number;
      String raw = abbreviate(line);
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        sink.accept(RawRow.unparseable(source, raw, "not valid JSON: " + firstLine(e)));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.accept(RawRow.unparseable(source, raw, "a JSON Lines row must be a JSON object"));
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (!v.isNull()) {
          fields.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
        }
      }
      sink.accept(RawRow.parsed(source, raw, fields));
    }
  }

  static void parseParquet(String name, ChannelOpener opener, Consumer<RawRow> sink)
      throws IOException {
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(name, opener)).build()) {
      GenericRecord record;
      long number = 0;
      while ((record = reader.read()) != null) {
        number++;
        Map<String, String> fields = new LinkedHashMap<>();
        for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
          Object value = record.get(field.pos());
          if (value != null) {
            fields.put(field.name(), value.toString());
          }
        }
        sink.accept(RawRow.parsed(name + ":" + number, abbreviate(record.toString()), fields));
      }
    } catch (RuntimeException e) {
      throw new IOException(name + ": not a readable Parquet manifest: " + e.getMessage(), e);
    }
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "...";
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
