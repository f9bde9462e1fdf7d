package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on DirectRunner with the espeak-ng engine, over manifests in all three formats with
 * every kind of bad row and bad reference sample; the dataset is read back and checked row by row.
 */
class RunJobTest {
  @TempDir static Path work;
  static Path output;
  static String stdout;
  static int status;
  static Set<String> expectedOk = new TreeSet<>();
  static Set<String> expectedFailedIds = new TreeSet<>();
  static int manifestRows;
  static Set<Path> inputsBefore;

  @BeforeAll
  static void runJob() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    Files.copy(f.voices.resolve("alice.wav"), f.voices.resolve("alice_copy.wav"));
    f.demoVoice("bob_stereo.flac");
    f.demoVoice("carla_48k.wav");
    f.emptyFile("empty.wav");
    f.truncatedWav("header_cut.wav", 30);
    f.truncatedWav("data_cut.wav", 20_000);
    f.randomBytes("noise.wav", 5000, 7);
    f.textFile("page.wav", "<html><body>not audio</body></html>");

    List<String> csv = new ArrayList<>();
    csv.add("id,text,speaker_wav,language,speaker_id");
    List<String> good = List.of("voices/alice.wav", "voices/alice_copy.wav", "voices/bob_stereo.flac",
        f.voices.resolve("carla_48k.wav").toString());
    csv.addAll(ManifestFixture.rows("csv", 24, good));
    for (int i = 0; i < 24; i++) {
      expectedOk.add(String.format("csv-%03d", i));
    }
    // bad rows, one per kind; those with a usable id must appear in errors under that id
    csv.add(",\"No id here.\",voices/alice.wav,en,");                       // missing id
    csv.add("bad id!,\"Id with a space.\",voices/alice.wav,en,");           // invalid id
    csv.add("../escape,\"Id that walks out.\",voices/alice.wav,en,");       // invalid id
    csv.add("csv-003,\"Duplicate of csv-003.\",voices/alice.wav,en,");      // duplicate id
    csv.add("bad-empty-text,,voices/alice.wav,en,");                        // empty text
    csv.add("bad-space-text,\"   \",voices/alice.wav,en,");                 // whitespace text
    csv.add("bad-no-wav,\"No sample.\",,en,");                              // missing speaker_wav
    csv.add("bad-lang,\"Klingon.\",voices/alice.wav,tlh,");                 // unsupported language
    csv.add("bad-speaker,\"Bad speaker id.\",voices/alice.wav,en,../up");   // invalid speaker_id
    csv.add("bad-fields,\"Too many\",voices/alice.wav,en,x,extra");          // does not parse
    csv.add("bad-missing-file,\"Missing file.\",voices/nope.wav,en,");
    csv.add("bad-empty-file,\"Empty file.\",voices/empty.wav,en,");
    csv.add("bad-header-cut,\"Header cut.\",voices/header_cut.wav,en,");
    csv.add("bad-data-cut,\"Data cut.\",voices/data_cut.wav,en,");
    csv.add("bad-noise,\"Random bytes.\",voices/noise.wav,en,");
    csv.add("bad-html,\"Not audio.\",voices/page.wav,en,");
    csv.add("bad-quote,\"This quote never ends,voices/alice.wav,en,");     // does not parse
    expectedFailedIds.addAll(List.of("bad-empty-text", "bad-space-text", "bad-no-wav", "bad-lang",
        "bad-speaker", "bad-missing-file", "bad-empty-file", "bad-header-cut", "bad-data-cut",
        "bad-noise", "bad-html"));
    f.csv("manifest-a.csv", csv);

    List<String> jsonl = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      jsonl.add(String.format(
          "{\"id\":\"json-%d\",\"text\":\"JSON row %d.\",\"speaker_audio\":\"voices/carla_48k.wav\",\"language\":\"de\"}", i, i));
      expectedOk.add("json-" + i);
    }
    jsonl.add("{\"id\":\"bad-json-no-text\",\"speaker_wav\":\"voices/alice.wav\"}");
    jsonl.add("{\"text\":\"no id key\",\"speaker_wav\":\"voices/alice.wav\"}");
    jsonl.add("{\"id\":\"bad-json-broken\", \"text\": ");
    jsonl.add("[\"an\",\"array\"]");
    expectedFailedIds.add("bad-json-no-text");
    f.csv("manifest-b.jsonl", jsonl);

    List<String[]> parquet = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      parquet.add(new String[] {"pq-" + i, "Parquet row " + i + ".", "voices/bob_stereo.flac", "en", "bob"});
      expectedOk.add("pq-" + i);
    }
    parquet.add(new String[] {"pq-bad-lang", "Bad language.", "voices/bob_stereo.flac", "zz", null});
    expectedFailedIds.add("pq-bad-lang");
    f.parquet("manifest-c.parquet", parquet);
    manifestRows = (csv.size() - 1) + jsonl.size() + parquet.size();

    output = work.resolve("out");
    inputsBefore = new HashSet<>(Datasets.files(work));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status =
        new VoicegenCli(new PrintStream(out, true), System.err)
            .execute(
                new String[] {
                  "run",
                  "--manifest=" + work.resolve("in") + "/manifest-*",
                  "--output=" + output,
                  "--engine=espeak",
                  "--batchSize=4"
                });
    stdout = out.toString();
  }

  @Test
  void jobSucceedsAndCountsAddUp() throws IOException {
    assertEquals(0, status, stdout);
    JsonNode s = Datasets.summary(output);
    assertEquals(manifestRows, s.get("rows_in").asLong());
    assertEquals(s.get("rows_in").asLong(), s.get("rows_ok").asLong() + s.get("rows_failed").asLong());
    assertEquals(expectedOk.size(), s.get("rows_ok").asLong());
    assertTrue(stdout.contains("rows_in=" + manifestRows), stdout);
  }

  /** espeak-ng does not clone: every output says so, none in silence. */
  @Test
  void everyOutputSaysTheVoicesWereNotCloned() throws IOException {
    for (GenericRecord r : Datasets.metadata(output)) {
      assertEquals(false, r.get("voice_cloned"), str(r, "id"));
      assertNull(r.get("model_license"), "espeak-ng has no model weights");
    }
    JsonNode s = Datasets.summary(output);
    assertFalse(s.get("voice_cloned").asBoolean());
    assertTrue(s.get("model_license").isNull());
    String html = Files.readString(output.resolve("report.html"));
    int banner = html.indexOf("<p class=\"banner\" id=\"not-cloned\">No row was cloned");
    assertTrue(banner > 0 && banner < html.indexOf("<h1>"), "the banner tops the page");
    assertTrue(stdout.contains("voice_cloned=false"), stdout);
  }

  @Test
  void everyIdEndsUpExactlyOnce() throws IOException {
    List<String> okIds = Datasets.metadata(output).stream().map(r -> str(r, "id")).sorted().toList();
    assertEquals(new ArrayList<>(expectedOk), okIds, "metadata ids, each once");
    List<GenericRecord> errors = Datasets.errors(output);
    List<String> errorIds =
        errors.stream().map(r -> str(r, "id")).filter(id -> id != null).sorted().toList();
    assertEquals(new ArrayList<>(expectedFailedIds), errorIds, "error ids, each once");
    assertEquals(manifestRows - expectedOk.size(), errors.size());
    for (GenericRecord e : errors) {
      if (e.get("id") == null) {
        assertFalse(str(e, "raw").isBlank(), "a row without id keeps its raw line: " + e);
      }
    }
  }

  @Test
  void eachFailureSaysWhatIsWrong() throws IOException {
    Map<String, GenericRecord> byId = new HashMap<>();
    Set<String> classes = new HashSet<>();
    for (GenericRecord e : Datasets.errors(output)) {
      classes.add(str(e, "error_class"));
      if (e.get("id") != null) {
        byId.put(str(e, "id"), e);
      }
    }
    for (String kind : List.of("missing_id", "invalid_id", "duplicate_id", "empty_text",
        "missing_speaker_wav", "unsupported_language", "invalid_speaker_id", "unparseable_row",
        "missing_text", "missing_file", "empty_file", "undecodable_audio")) {
      assertTrue(classes.contains(kind), "error class " + kind + " in " + classes);
    }
    Datasets.assertContains(str(byId.get("bad-missing-file"), "message"), "nope.wav");
    assertEquals("decode", str(byId.get("bad-missing-file"), "stage"));
    for (String id : List.of("bad-header-cut", "bad-data-cut", "bad-noise", "bad-html", "bad-empty-file")) {
      GenericRecord e = byId.get(id);
      assertEquals("decode", str(e, "stage"), id);
      String file = str(e, "speaker_wav");
      Datasets.assertContains(str(e, "message"), Path.of(file).getFileName().toString());
    }
    assertEquals("manifest", str(byId.get("bad-lang"), "stage"));
    Datasets.assertContains(str(byId.get("bad-lang"), "message"), "tlh");
  }

  @Test
  void everyAudioFileIsARealWavOfItsRow() throws IOException {
    List<GenericRecord> metadata = Datasets.metadata(output);
    Set<Path> listed = new HashSet<>();
    for (GenericRecord r : metadata) {
      Path audio = output.resolve(str(r, "audio_filepath"));
      listed.add(audio);
      AudioClip clip = AudioDecoder.decode(audio);
      assertTrue(clip.frames() > 0, audio.toString());
      assertEquals(1, clip.channelCount());
      assertEquals((double) r.get("output_duration_s"), clip.durationSeconds(), 1e-6);
      assertEquals(
          "audio/" + str(r, "language") + "/" + str(r, "speaker_id") + "/" + str(r, "id") + ".wav",
          str(r, "audio_filepath"));
      Datasets.assertContains(str(r, "engine"), "no voice cloning");
    }
    assertEquals(listed, new HashSet<>(Datasets.files(output.resolve("audio"))));
    assertEquals(expectedOk.size(), Files.readAllLines(output.resolve("manifest.jsonl")).size());
  }

  @Test
  void samplesAreProcessedOncePerDistinctContent() throws IOException {
    JsonNode counters = Datasets.summary(output).path("metrics").path("counters");
    // alice.wav and alice_copy.wav hold the same bytes: 3 distinct good samples, 4 bad files decoded
    assertEquals(3, counters.path("decode.ok").asLong(), counters.toString());
    assertEquals(3, counters.path("preprocess.ok").asLong(), counters.toString());
    Set<String> hashes = new HashSet<>();
    for (GenericRecord r : Datasets.metadata(output)) {
      hashes.add(str(r, "reference_sha256"));
    }
    assertEquals(3, hashes.size());
  }

  @Test
  void metadataCarriesAnalysisChangesAndTimings() throws IOException {
    for (GenericRecord r : Datasets.metadata(output)) {
      if (str(r, "speaker_wav").endsWith("bob_stereo.flac")) {
        assertEquals(2, r.get("channels"));
        assertEquals(44100, r.get("sample_rate"));
        assertTrue((Boolean) r.get("preprocess_resampled") || (Boolean) r.get("optimize_resampled"));
        assertTrue((Double) r.get("preprocess_gain_db") != 0 || (Double) r.get("optimize_gain_db") != 0);
        assertTrue((Integer) r.get("score") < 100);
        assertFalse(((List<?>) r.get("recommendations")).isEmpty());
      }
      assertTrue((Double) r.get("synthesize_ms") > 0);
      assertTrue((Double) r.get("decode_ms") > 0);
      assertNotNull(r.get("integrated_lufs"), "measured for every real speech sample");
      assertNotNull(r.get("snr_db"));
      assertNotNull(r.get("quality_score"));
      // every output is finished to -23 LUFS unless the -1 dBTP ceiling holds it lower
      double lufs = (Double) r.get("output_lufs");
      double peak = (Double) r.get("output_true_peak_dbtp");
      assertTrue(Math.abs(lufs + 23) < 0.2 || (lufs < -23 && Math.abs(peak + 1) < 0.05), lufs + " " + peak);
    }
    JsonNode timing = Datasets.summary(output).path("timing_ms");
    for (String stage : List.of("decode", "analyze", "optimize", "preprocess", "synthesize", "write")) {
      assertTrue(timing.path(stage).path("count").asLong() > 0, stage + " in " + timing);
      assertTrue(timing.path(stage).path("p95").asDouble() >= timing.path(stage).path("p50").asDouble());
    }
    JsonNode failures = Datasets.summary(output).path("failures_by_stage");
    assertEquals(manifestRows - expectedOk.size(),
        failures.path("manifest").asLong() + failures.path("decode").asLong());
  }

  @Test
  void reportRendersInHeadlessChromiumWithoutConsoleErrors() throws IOException, InterruptedException {
    Path report = output.resolve("report.html");
    String html = Files.readString(report);
    for (String part : List.of("Quality score of the reference", "Reference duration", "Output duration",
        "p95 latency per stage", "Failed rows by stage and reason", "data:audio/wav;base64,")) {
      Datasets.assertContains(html, part);
    }
    assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
        "no network references");
    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    Path profile = Files.createTempDirectory(work, "chromium");
    Process p =
        new ProcessBuilder(
                "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--screenshot=" + screenshot, "--window-size=1280,2400", report.toUri().toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), log);
    List<String> console = log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    assertEquals(List.of(), console, "console messages of report.html");
    assertTrue(Files.size(screenshot) > 20_000, "a real screenshot at " + screenshot);
  }

  @Test
  void nothingIsWrittenOutsideTheOutput() throws IOException {
    for (Path p : Datasets.files(work)) {
      if (p.getFileName().toString().startsWith("chromium")
          || work.relativize(p).getName(0).toString().startsWith("chromium")) {
        continue; // the browser profile of the report test
      }
      assertTrue(p.startsWith(output) || inputsBefore.contains(p), "unexpected file " + p);
    }
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().startsWith("voicegen-espeak-")).toList());
    }
    for (String working : List.of("_temp", "_stats", "_resume")) {
      assertFalse(Files.exists(output.resolve(working)), working + " left behind");
    }
  }
}
