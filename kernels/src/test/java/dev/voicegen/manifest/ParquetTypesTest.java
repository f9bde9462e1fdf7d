package dev.voicegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet manifests whose columns are not plain strings, written with parquet-mr's own group writer
 * (no Avro schema in the footer, as pyarrow or Spark write them).
 */
class ParquetTypesTest {
  @TempDir Path dir;

  /** Writes rows of {@code schema}; each consumer fills one row. */
  @SafeVarargs
  static Path write(Path file, String schema, Consumer<Group>... rows) throws IOException {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .withType(type)
            .build()) {
      for (Consumer<Group> row : rows) {
        Group g = groups.newGroup();
        row.accept(g);
        writer.write(g);
      }
    }
    return file;
  }

  private static List<RawRow> rows(Path file) throws IOException {
    List<RawRow> rows = new ArrayList<>();
    ManifestParser.parse(file.toString(), () -> FileChannel.open(file), rows::add);
    return rows;
  }

  private static Binary bytes(byte... b) {
    return Binary.fromConstantByteArray(b);
  }

  @Test
  void plainBinaryTextIsDecodedWhenItIsUtf8AndRefusedWhenNot() throws IOException {
    Path file =
        write(
            dir.resolve("binary.parquet"),
            "message m { required int64 id; optional binary text; optional binary speaker_wav (STRING); }",
            g -> g.append("id", 1L).append("text", bytes("Hello w\u00f6rld \u4e2d.".getBytes(StandardCharsets.UTF_8)))
                .append("speaker_wav", "x.wav"),
            g -> g.append("id", 2L).append("text", bytes((byte) 0xC3, (byte) 0x28, (byte) 'a'))
                .append("speaker_wav", "x.wav"),
            g -> g.append("id", 3L).append("speaker_wav", "x.wav"));
    List<RawRow> rows = rows(file);
    assertEquals(3, rows.size());
    assertEquals("1", rows.get(0).fields().get("id"), "an int64 id is its decimal");
    assertEquals("Hello w\u00f6rld \u4e2d.", rows.get(0).fields().get("text"));
    assertEquals("x.wav", rows.get(0).fields().get("speaker_wav"));
    assertNull(rows.get(1).fields().get("text"), "never the buffer's toString");
    assertEquals("binary that is not valid UTF-8", rows.get(1).nonText().get("text"));
    RowRules.Validated bad = RowRules.DEFAULT.validate(rows.get(1), v -> v);
    assertEquals("wrong_type", bad.rejection().errorClass());
    assertEquals("'text' is binary that is not valid UTF-8; it must be a string", bad.rejection().message());
    assertEquals("1", RowRules.DEFAULT.validate(rows.get(0), v -> v).entry().id());
    assertEquals("missing_text", RowRules.DEFAULT.validate(rows.get(2), v -> v).rejection().errorClass());
  }

  @Test
  void numbersAreTheirCanonicalDecimalAndBooleansAreNotText() throws IOException {
    Path file =
        write(
            dir.resolve("numbers.parquet"),
            "message m { required double id; required binary text (STRING); optional boolean speaker_id;"
                + " optional float f; }",
            g -> g.append("id", 7.0).append("text", "Hi.").append("speaker_id", true).append("f", 0.1f),
            g -> g.append("id", 0.5).append("text", "Hi."));
    List<RawRow> rows = rows(file);
    assertEquals("7", rows.get(0).fields().get("id"), "as JSON 7.0 and CSV 7");
    assertEquals("0.1", rows.get(0).fields().get("f"), "a float's shortest decimal");
    assertEquals("a boolean", rows.get(0).nonText().get("speaker_id"));
    assertEquals("0.5", rows.get(1).fields().get("id"));
  }

  @Test
  void aFileWithoutIdOrTextColumnsStopsAtOpen() throws IOException {
    Path noText =
        write(
            dir.resolve("notext.parquet"),
            "message m { required binary id (STRING); required binary sentence (STRING); }",
            g -> g.append("id", "a").append("sentence", "Hi."));
    IOException e = assertThrows(IOException.class, () -> rows(noText));
    assertTrue(e.getMessage().startsWith(noText + ": the Parquet manifest has no 'text' column"), e.getMessage());
    assertTrue(e.getMessage().contains("[id, sentence]"), e.getMessage());
    Path noId =
        write(
            dir.resolve("noid.parquet"),
            "message m { required binary ID (STRING); required binary text (STRING); }",
            g -> g.append("ID", "a").append("text", "Hi."));
    e = assertThrows(IOException.class, () -> rows(noId));
    assertTrue(e.getMessage().contains("no 'id' column"), e.getMessage());
    Path nested =
        write(
            dir.resolve("nested.parquet"),
            "message m { required binary id (STRING); required group text { required binary en (STRING); } }",
            g -> g.append("id", "a").addGroup("text").append("en", "Hi."));
    e = assertThrows(IOException.class, () -> rows(nested));
    assertTrue(e.getMessage().contains("'text' is a nested group"), e.getMessage());
  }
}
