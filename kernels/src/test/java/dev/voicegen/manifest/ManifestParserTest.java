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

  /** Opens a real file as the job does, reading its header. */
  private static void openFile(java.nio.file.Path file) throws IOException {
    ManifestParser.open(
            file.toString(), () -> java.nio.channels.FileChannel.open(file), ReadPosition.START)
        .close();
  }

  private static String headerError(String name, String content) throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("headers");
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve(name), content);
    IOException e = assertThrows(IOException.class, () -> openFile(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void csvHeaderThatIsNotOneStopsTheFileAtOpen() throws IOException {
    // no header row: the first row's values would have been taken as column names
    String m = headerError("noheader.csv", "a1,Hello there.,voices/alice.wav\na2,Again.,voices/alice.wav\n");
    assertTrue(m.contains("no 'id' column"), m);
    assertTrue(m.contains("'a1,Hello there.,voices/alice.wav'"), m);
    m = headerError("notext.csv", "id,sentence,speaker_wav\na,Hi.,x.wav\n");
    assertTrue(m.contains("no 'text' column"), m);
    m = headerError("case.csv", "ID,Text,speaker_wav\na,Hi.,x.wav\n");
    assertTrue(m.contains("the column 'ID' must be named 'id' (lower case)"), m);
    m = headerError("semi.csv", "id;text;speaker_wav\na;Hi, you.;x.wav\n");
    assertTrue(m.contains("semicolon-delimited"), m);
    assertTrue(m.contains("save it with commas"), m);
    // a semicolon header with a comma in it still splits into two names, neither of them 'id'
    m = headerError("semi2.csv", "id;text,speaker_wav;language\n");
    assertTrue(m.contains("semicolon-delimited"), m);
    m = headerError("tab.tsv.csv", "id\ttext\tspeaker_wav\na\tHi.\tx.wav\n");
    assertTrue(m.contains("tab-delimited"), m);
    m = headerError("dup.csv", "id,text,speaker_wav,text\na,First.,x.wav,Second.\n");
    assertTrue(m.contains("names the column 'text' twice"), m);
    m = headerError("dup-id.csv", "id,text,id\na,Hi.,b\n");
    assertTrue(m.contains("'id' twice"), m);
  }

  @Test
  void csvHeaderWithIdAndTextOpens() throws IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("headers");
    // extra columns, any order, a BOM, spaces around names, and a semicolon inside a text are fine
    openFile(java.nio.file.Files.writeString(
        dir.resolve("ok.csv"), "\uFEFF speaker_wav , notes,text,id\nx.wav,\"a;b\",Hi; you.,a\n"));
    // an empty file has no rows and no header to check
    openFile(java.nio.file.Files.writeString(dir.resolve("empty.csv"), ""));
  }

  @Test
  void jsonValuesThatAreNotTextAreKeptApartWithWhatTheyAre() throws IOException {
    List<RawRow> rows =
        jsonl("{\"id\":\"a\",\"text\":{\"en\":\"x\"},\"speaker_wav\":\"x.wav\"}\n"
            + "{\"id\":\"b\",\"text\":[\"a\",\"b\"],\"language\":[\"en\"]}\n"
            + "{\"id\":true,\"text\":\"t\",\"speaker_id\":{}}\n");
    assertEquals("a JSON object", rows.get(0).nonText().get("text"));
    assertNull(rows.get(0).fields().get("text"), "not spoken as its JSON");
    assertEquals("x.wav", rows.get(0).fields().get("speaker_wav"));
    assertEquals("a JSON array", rows.get(1).nonText().get("text"));
    assertEquals("a JSON array", rows.get(1).nonText().get("language"));
    assertEquals("a JSON boolean", rows.get(2).nonText().get("id"));
    assertEquals("a JSON object", rows.get(2).nonText().get("speaker_id"));
    RowRules.Validated v = RowRules.DEFAULT.validate(rows.get(0), value -> value);
    assertEquals("wrong_type", v.rejection().errorClass());
    assertEquals("'text' is a JSON object; it must be a string", v.rejection().message());
  }

  @Test
  void jsonNumbersAreTheirCanonicalDecimal() throws IOException {
    List<RawRow> rows =
        jsonl("{\"id\":7}\n{\"id\":7.0}\n{\"id\":7e0}\n{\"id\":0.50}\n{\"id\":1.5E+3}\n"
            + "{\"id\":12345678901234567890123}\n{\"id\":0.1}\n{\"id\":-0.0}\n");
    List<String> ids = rows.stream().map(r -> r.fields().get("id")).toList();
    assertEquals(List.of("7", "7", "7", "0.5", "1500", "12345678901234567890123", "0.1", "0"), ids);
  }
}
