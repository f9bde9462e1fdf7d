package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile user's rows (issue 12): values that are not text, text with nothing to speak, text
 * over the limit, ids the writer would refuse, upper-case languages. The job runs on DirectRunner
 * with espeak-ng over real CSV, JSON Lines and Parquet files; every row ends in the dataset or in
 * errors/ with its reason.
 */
class InputRulesJobTest {
  @TempDir static Path work;
  static Path output;
  static int status;
  static String stdout;
  static final String LONG_TEXT = "This sentence is eight words long, more or less. ".repeat(41);
  /** Reason of each failed row, by id or (rows without a usable id) by a word of its raw line. */
  static final Map<String, String> EXPECTED_FAILED = new TreeMap<>();
  static final List<String> EXPECTED_OK = List.of("7", "ok-plain", "ok-upper", "pq-utf8");
  static int manifestRows;

  @BeforeAll
  static void runJob() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    String wav = "voices/alice.wav";
    List<String> csv = List.of(
        "id,text,speaker_wav,language,speaker_id",
        "ok-plain,\"Hello there.\"," + wav + ",en,",
        "ok-upper,\"Upper case language.\"," + wav + ",EN,",
        "a..b,\"Two dots in the id.\"," + wav + ",en,",
        "zero-width,\"\u200B\u200C\u200D\u2060\"," + wav + ",en,",
        "spaces,\"\u00A0\u3000\u00A0\"," + wav + ",en,",
        "punctuation,\"... !? -- \u3002\"," + wav + ",en,",
        "too-long,\"" + LONG_TEXT + "\"," + wav + ",en,",
        "speaker-dots,\"Speaker with dots.\"," + wav + ",en,s..1");
    f.csv("manifest-a.csv", csv);
    EXPECTED_FAILED.put("dots-id", "invalid_id");
    EXPECTED_FAILED.put("zero-width", "empty_text");
    EXPECTED_FAILED.put("spaces", "empty_text");
    EXPECTED_FAILED.put("punctuation", "empty_text");
    EXPECTED_FAILED.put("too-long", "text_too_long");
    EXPECTED_FAILED.put("speaker-dots", "invalid_speaker_id");

    List<String> jsonl = List.of(
        "{\"id\":\"json-object\",\"text\":{\"en\":\"x\"},\"speaker_wav\":\"" + wav + "\"}",
        "{\"id\":\"json-array\",\"text\":[\"a\",\"b\"],\"speaker_wav\":\"" + wav + "\"}",
        "{\"id\":\"json-lang\",\"text\":\"Language object.\",\"speaker_wav\":\"" + wav + "\",\"language\":{\"code\":\"en\"}}",
        "{\"id\":{\"n\":1},\"text\":\"Object id.\",\"speaker_wav\":\"" + wav + "\"}",
        "{\"id\":7.0,\"text\":\"A number for an id.\",\"speaker_wav\":\"" + wav + "\"}");
    f.csv("manifest-b.jsonl", jsonl);
    EXPECTED_FAILED.put("json-object", "wrong_type");
    EXPECTED_FAILED.put("json-array", "wrong_type");
    EXPECTED_FAILED.put("json-lang", "wrong_type");
    EXPECTED_FAILED.put("object-id", "wrong_type");

    // text as plain binary (no UTF8 annotation), as some writers store strings
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { required binary id (STRING); optional binary text; required binary speaker_wav (STRING); }");
    Path parquet = f.dir.resolve("manifest-c.parquet");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(parquet.toUri()), new Configuration()))
            .withType(schema)
            .build()) {
      SimpleGroupFactory rows = new SimpleGroupFactory(schema);
      writer.write(rows.newGroup().append("id", "pq-utf8")
          .append("text", Binary.fromConstantByteArray("Binary text, w\u00f6rds.".getBytes(StandardCharsets.UTF_8)))
          .append("speaker_wav", wav));
      writer.write(rows.newGroup().append("id", "pq-latin1")
          .append("text", Binary.fromConstantByteArray("K\u00f6ln.".getBytes(StandardCharsets.ISO_8859_1)))
          .append("speaker_wav", wav));
    }
    EXPECTED_FAILED.put("pq-latin1", "wrong_type");
    manifestRows = (csv.size() - 1) + jsonl.size() + 2;

    output = work.resolve("out");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status =
        new VoicegenCli(new PrintStream(out, true), System.err)
            .execute(new String[] {
              "run", "--manifest=" + f.dir + "/manifest-*", "--output=" + output, "--engine=espeak"});
    stdout = out.toString();
  }

  /** The reason of each failed row, keyed as {@link #EXPECTED_FAILED}. */
  private static Map<String, String> reasons(Path output) throws IOException {
    Map<String, String> reasons = new TreeMap<>();
    for (GenericRecord e : Datasets.errors(output)) {
      String key = e.get("id") != null ? str(e, "id")
          : str(e, "raw").contains("a..b") ? "dots-id"
          : str(e, "raw").contains("Object id.") ? "object-id"
          : "raw: " + str(e, "raw");
      reasons.put(key, str(e, "error_class"));
    }
    return reasons;
  }

  @Test
  void everyRowEndsInTheDatasetOrInErrorsWithItsReason() throws IOException {
    assertEquals(0, status, stdout);
    JsonNode s = Datasets.summary(output);
    assertEquals(manifestRows, s.get("rows_in").asLong());
    assertEquals(EXPECTED_OK.size(), s.get("rows_ok").asLong());
    List<String> ok = Datasets.metadata(output).stream().map(r -> str(r, "id")).sorted().toList();
    assertEquals(EXPECTED_OK, ok);
    assertEquals(EXPECTED_FAILED, reasons(output));
    for (GenericRecord e : Datasets.errors(output)) {
      assertEquals("manifest", str(e, "stage"), e.toString());
    }
  }

  @Test
  void reasonsSayWhatIsWrong() throws IOException {
    Map<String, String> messages = new HashMap<>();
    for (GenericRecord e : Datasets.errors(output)) {
      messages.put(e.get("id") == null ? str(e, "raw") : str(e, "id"), str(e, "message"));
    }
    Datasets.assertContains(messages.get("json-object"), "'text' is a JSON object; it must be a string");
    Datasets.assertContains(messages.get("json-array"), "'text' is a JSON array");
    Datasets.assertContains(messages.get("json-lang"), "'language' is a JSON object");
    Datasets.assertContains(messages.get("pq-latin1"), "'text' is binary that is not valid UTF-8");
    Datasets.assertContains(messages.get("too-long"), LONG_TEXT.length() + " characters, more than --maxTextChars=2000");
    Datasets.assertContains(messages.get("zero-width"), "nothing speakable");
    Datasets.assertContains(messages.get("speaker-dots"), "s..1");
    String dots = messages.entrySet().stream().filter(m -> m.getKey().contains("a..b"))
        .map(Map.Entry::getValue).collect(Collectors.joining());
    Datasets.assertContains(dots, "without '..'");
  }

  @Test
  void textIsSpokenAsTextAndLanguagesAreNormalised() throws IOException {
    Map<String, GenericRecord> byId = new HashMap<>();
    Datasets.metadata(output).forEach(r -> byId.put(str(r, "id"), r));
    assertEquals("Binary text, w\u00f6rds.", str(byId.get("pq-utf8"), "text"));
    assertEquals("en", str(byId.get("ok-upper"), "language"));
    assertTrue(str(byId.get("ok-upper"), "audio_filepath").startsWith("audio/en/"));
    assertEquals("A number for an id.", str(byId.get("7"), "text"));
    for (GenericRecord r : byId.values()) {
      Path audio = output.resolve(str(r, "audio_filepath"));
      assertTrue(AudioDecoder.decode(audio).durationSeconds() > 0.3, audio.toString());
    }
    String manifest = Files.readString(output.resolve("manifest.jsonl"));
    assertFalse(manifest.contains("HeapByteBuffer"), manifest);
    assertTrue(Files.exists(output.resolve("audio/en/alice/7.wav")), "a JSON 7.0 names 7.wav");
  }

  @Test
  void theTextLimitIsAnOptionAndADryRunAppliesIt() throws IOException {
    Path in = Files.createDirectories(work.resolve("limit"));
    Files.copy(ManifestFixture.DEMO_VOICES.resolve("alice.wav"), in.resolve("alice.wav"));
    Files.writeString(in.resolve("m.csv"),
        "id,text,speaker_wav\nshort,Twelve chars,alice.wav\nlonger,Thirteen char,alice.wav\n"
            + "astral,\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 seven,alice.wav\n");
    Path dry = work.resolve("limit-out");
    int code =
        new VoicegenCli(new PrintStream(new ByteArrayOutputStream()), System.err)
            .execute(new String[] {
              "run", "--manifest=" + in.resolve("m.csv"), "--output=" + dry, "--dryRun",
              "--maxTextChars=12"});
    assertEquals(0, code);
    assertEquals(List.of("astral", "short"),
        Datasets.metadata(dry).stream().map(r -> str(r, "id")).sorted().toList());
    Map<String, String> reasons = reasons(dry);
    assertEquals(Map.of("longer", "text_too_long"), reasons);
  }

  @Test
  void aTextLimitThatIsNotPositiveStopsTheJobBeforeTheOutputIsTouched() throws IOException {
    Path out = Files.createDirectories(work.resolve("kept/metadata"));
    Path earlier = Files.writeString(out.resolve("part-0.parquet"), "an earlier run's metadata");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new VoicegenCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true))
            .execute(new String[] {
              "run", "--manifest=" + work.resolve("in/manifest-a.csv"), "--output=" + work.resolve("kept"),
              "--engine=espeak", "--maxTextChars=0"});
    assertEquals(2, code);
    assertEquals("voicegen: --maxTextChars=0 must be a positive number of characters", err.toString().strip());
    assertTrue(Files.exists(earlier), "the earlier dataset is not deleted");
  }

  @Test
  void cloneTakesTheLanguagesAndTextRulesOfRun() throws IOException {
    String voice = "--speaker-wav=" + ManifestFixture.DEMO_VOICES.resolve("alice.wav");
    Path speech = work.resolve("clone.wav");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VoicegenCli cli = new VoicegenCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    String o = "--output=" + speech;
    assertEquals(0, cli.execute(new String[] {"clone", "--text=Hello there.", voice, "--language=EN", o}), err.toString());
    assertTrue(AudioDecoder.decode(speech).durationSeconds() > 0.3);
    Files.delete(speech);
    assertEquals(2, cli.execute(new String[] {"clone", "--text=\u200B\u00A0\u3000 ...", voice, o}));
    assertEquals(2, cli.execute(new String[] {"clone", "--text=" + LONG_TEXT, voice, o}));
    assertEquals(2, cli.execute(new String[] {"clone", "--text=Hello there.", "--maxTextChars=5", voice, o}));
    assertEquals(2, cli.execute(new String[] {"clone", "--text=Hello there.", "--language=tlh", voice, o}));
    List<String> lines = err.toString().strip().lines().toList();
    assertEquals(4, lines.size(), err.toString());
    Datasets.assertContains(lines.get(0), "nothing speakable");
    Datasets.assertContains(lines.get(0), "(empty_text)");
    Datasets.assertContains(lines.get(1), "more than --maxTextChars=2000");
    Datasets.assertContains(lines.get(1), "(text_too_long)");
    Datasets.assertContains(lines.get(2), "12 characters, more than --maxTextChars=5");
    Datasets.assertContains(lines.get(3), "--language=tlh is not supported");
    assertFalse(Files.exists(speech), "no output for a refused clone");
  }
}
