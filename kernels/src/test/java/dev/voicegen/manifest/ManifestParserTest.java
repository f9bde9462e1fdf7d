package dev.voicegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {

  private static List<RawRow> csv(String text) throws IOException {
    List<RawRow> rows = new ArrayList<>();
    ManifestParser.parseCsv(
        "m.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rows::add);
    return rows;
  }

  private static List<RawRow> jsonl(String text) throws IOException {
    List<RawRow> rows = new ArrayList<>();
    ManifestParser.parseJsonLines(
        "m.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), rows::add);
    return rows;
  }

  @Test
  void csvQuotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
    List<RawRow> rows =
        csv("\uFEFFid,text,speaker_wav\r\n"
            + "a,\"Hello, \"\"world\"\"\",x.wav\r\n"
            + "\n"
            + "b,\"two\nlines\",y.wav\n");
    assertEquals(2, rows.size());
    assertEquals("a", rows.get(0).fields().get("id"), "BOM stripped from the header");
    assertEquals("Hello, \"world\"", rows.get(0).fields().get("text"));
    assertEquals("m.csv:2", rows.get(0).source());
    assertEquals("two\nlines", rows.get(1).fields().get("text"));
    assertEquals("m.csv:4", rows.get(1).source(), "blank line skipped, line numbers kept");
  }

  @Test
  void csvRowsThatDoNotParseAreReportedNotThrown() throws IOException {
    List<RawRow> rows =
        csv("id,text,speaker_wav\n"
            + "a,b,c,d\n"
            + "e,\"x\"y,z\n"
            + "f,short\n"
            + "g,\"never closed,h.wav\n");
    assertEquals(4, rows.size());
    assertNull(rows.get(0).fields());
    assertTrue(rows.get(0).parseError().contains("4 fields"), rows.get(0).parseError());
    assertTrue(rows.get(1).parseError().contains("after a closing quote"));
    assertNotNull(rows.get(2).fields(), "a short row parses; missing keys are a validation matter");
    assertNull(rows.get(2).fields().get("speaker_wav"));
    assertTrue(rows.get(3).parseError().contains("unterminated"));
    assertTrue(rows.get(3).raw().startsWith("g,"));
  }

  @Test
  void jsonLinesKeepValuesAsTextAndReportBadLines() throws IOException {
    List<RawRow> rows =
        jsonl("{\"id\":\"a\",\"text\":\"hi\",\"speaker_wav\":\"x.wav\",\"n\":3,\"z\":null}\n"
            + "\n"
            + "{broken\n"
            + "42\n");
    assertEquals(3, rows.size());
    assertEquals("3", rows.get(0).fields().get("n"));
    assertTrue(!rows.get(0).fields().containsKey("z"), "null is absent");
    assertEquals("m.jsonl:3", rows.get(1).source());
    assertTrue(rows.get(1).parseError().startsWith("not valid JSON"));
    assertTrue(rows.get(2).parseError().contains("JSON object"));
  }

  /** Reading again from any position a reader returned gives exactly the rows that followed. */
  private static void assertResumableEverywhere(String name, byte[] bytes) throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("resume", name);
    java.nio.file.Files.write(file, bytes);
    ManifestParser.ChannelOpener opener = () -> java.nio.channels.FileChannel.open(file);
    List<RawRow> all = new ArrayList<>();
    List<ReadPosition> positions = new ArrayList<>();
    try (ManifestParser.RowReader r = ManifestParser.open(name, opener, ReadPosition.START)) {
      RawRow row;
      while ((row = r.next()) != null) {
        all.add(row);
        positions.add(r.position());
      }
    }
    assertTrue(all.size() > 2);
    for (int i = 0; i < positions.size(); i++) {
      List<RawRow> rest = new ArrayList<>();
      try (ManifestParser.RowReader r = ManifestParser.open(name, opener, positions.get(i))) {
        RawRow row;
        while ((row = r.next()) != null) {
          rest.add(row);
        }
      }
      assertEquals(all.subList(i + 1, all.size()), rest, "resumed after row " + (i + 1));
    }
    java.nio.file.Files.delete(file);
  }

  @Test
  void csvResumesAtEveryRecordBoundary() throws IOException {
    byte[] text =
        ("\uFEFFid,text,speaker_wav\r\n"
                + "a,\"Hello, \"\"w\u00f6rld\"\"\",x.wav\r\n"
                + "\n"
                + "b,\"two\nlines \u4e2d\ud83d\ude00\",y.wav\r"
                + "c,\u00e9,z.wav\n"
                + "d,\"x\"y,z\n"
                + "e,last,w.wav")
            .getBytes(StandardCharsets.UTF_8);
    assertResumableEverywhere("m.csv", text);
    byte[] malformed = java.util.Arrays.copyOf(text, text.length);
    malformed[text.length - 7] = (byte) 0xC3; // a lone lead byte in the last row
    assertResumableEverywhere("m.csv", malformed);
  }

  @Test
  void jsonLinesResumeAtEveryLine() throws IOException {
    assertResumableEverywhere(
        "m.jsonl",
        ("{\"id\":\"a\",\"text\":\"h\u00e9\"}\r\n"
                + "\n"
                + "{broken\r"
                + "{\"id\":\"b\",\"text\":\"\ud83d\ude00\"}\n"
                + "{\"id\":\"c\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownExtensionIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ManifestFormat.forFileName("m.txt"));
    assertTrue(e.getMessage().contains(".csv, .jsonl or .parquet"));
  }
}
