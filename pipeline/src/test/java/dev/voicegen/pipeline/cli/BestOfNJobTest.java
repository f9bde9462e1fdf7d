package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.synth.XttsEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Best-of-N synthesis on the tiny XTTS fixture with the real DNSMOS model of {@code ../shared}:
 * every output scored, attempts with their seeds and scores, gates, errors and determinism.
 */
class BestOfNJobTest {
  private static final Path MODELS = Path.of("../../shared/models").toAbsolutePath().normalize();
  private static final long SEED = 5;
  private static final int ROWS = 4;

  @TempDir Path work;

  private Path manifest() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    f.demoVoice("carla_48k.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("b", ROWS, List.of("voices/alice.wav", "voices/carla_48k.wav")));
    return f.csv("manifest.csv", csv);
  }

  private static int run(Path manifest, Path output, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", "--manifest=" + manifest, "--output=" + output, "--engine=xtts",
            "--modelDir=" + XttsJobTest.TINY, "--batchSize=4", "--maxCodes=24", "--seed=" + SEED,
            "--onnxThreads=1", "--qualityModelDir=" + MODELS));
    args.addAll(List.of(extra));
    return new VoicegenCli(System.out, System.err).execute(args.toArray(String[]::new));
  }

  private static List<GenericRecord> attempts(GenericRecord r) {
    @SuppressWarnings("unchecked")
    List<GenericRecord> a = (List<GenericRecord>) r.get("attempt_scores");
    return a;
  }

  @Test
  void rowsMissingTheGateOnEveryAttemptGoToErrorsWithEveryAttemptsScores() throws IOException {
    assertTrue(Files.isDirectory(MODELS.resolve("dnsmos")), "the test needs ../shared/models");
    Path output = work.resolve("out");
    // the fixture's random weights speak noise: no output comes near a DNSMOS OVRL of 4.5
    assertEquals(0, run(manifest(), output, "--attempts=3", "--minDnsmos=4.5"));

    JsonNode summary = Datasets.summary(output);
    assertEquals(0, summary.get("rows_ok").asLong());
    assertEquals(ROWS, summary.get("rows_failed").asLong());
    JsonNode counters = summary.path("metrics").path("counters");
    assertEquals(2 * ROWS, counters.path("attempts.retried").asLong(), counters.toString());
    assertEquals(ROWS, counters.path("attempts.rejected").asLong(), counters.toString());
    assertEquals(3 * ROWS, counters.path("synthesize.ok").asLong(), "three syntheses a row");
    List<GenericRecord> errors = Datasets.errors(output);
    assertEquals(ROWS, errors.size());
    for (GenericRecord e : errors) {
      assertEquals("verify", str(e, "stage"));
      assertEquals("below_quality_gates", str(e, "error_class"));
      String m = str(e, "message");
      assertTrue(m.startsWith("missed a quality gate on every one of 3 attempt(s); best attempt "), m);
      assertTrue(m.contains("(--minDnsmos=4.5)"), m);
      for (int k = 1; k <= 3; k++) {
        assertTrue(m.contains(k + ": dnsmos_ovrl "), "attempt " + k + " in " + m);
      }
      assertFalse(m.contains("not computed"), "every attempt was scored: " + m);
    }
    assertTrue(Files.notExists(output.resolve("audio")), "no audio of a rejected row is kept");
  }

  @Test
  void thresholdsEveryRowMeetsTakeOneAttemptAndTheSameJobTwiceGivesTheSameMetadata()
      throws IOException {
    Path manifest = manifest();
    Path first = work.resolve("first");
    // the lowest gates: calibrated DNSMOS can go under 1 for noise, a cosine not under -1
    assertEquals(0, run(manifest, first, "--attempts=3", "--minDnsmos=0", "--minSpeakerSimilarity=-1"));
    Map<String, GenericRecord> once = byId(Datasets.metadata(first));
    assertEquals(ROWS, once.size());
    List<Double> ovrl = new ArrayList<>();
    for (GenericRecord r : once.values()) {
      assertEquals(1, r.get("attempts"));
      List<GenericRecord> a = attempts(r);
      assertEquals(1, a.size());
      assertEquals(1, a.get(0).get("attempt"));
      assertEquals(XttsEngine.rowSeed(SEED, str(r, "id")), a.get(0).get("seed"), "attempt 1 keeps the row seed");
      assertEquals(r.get("sampling_seed"), a.get(0).get("seed"));
      assertTrue(((List<?>) a.get(0).get("missed_gates")).isEmpty());
      for (String c : List.of("dnsmos_sig", "dnsmos_bak", "dnsmos_ovrl", "dnsmos_p808")) {
        double v = (Double) r.get(c);
        assertTrue(v >= 0 && v <= 5, c + " " + v);
      }
      assertEquals(r.get("dnsmos_ovrl"), a.get(0).get("dnsmos_ovrl"));
      assertEquals(r.get("speaker_similarity"), a.get(0).get("speaker_similarity"));
      ovrl.add((Double) r.get("dnsmos_ovrl"));
    }
    String report = Files.readString(first.resolve("report.html"));
    Datasets.assertContains(report, "DNSMOS OVRL of the outputs (MOS, " + ROWS + " values)");
    Datasets.assertContains(report, "Rows kept at each attempt (--attempts)");
    Datasets.assertContains(report, "<td>dnsmos_ovrl</td><td>" + ROWS + "</td>");
    // the reference gates score every distinct reference, and the report draws them
    Datasets.assertContains(report, "DNSMOS OVRL of the reference samples (MOS, ");
    renderWithoutConsoleMessages(first.resolve("report.html"));
    JsonNode quality = Datasets.summary(first).path("quality");
    assertEquals(ROWS, quality.path("dnsmos_ovrl").path("count").asLong(), quality.toString());
    assertEquals(ROWS, Datasets.summary(first).path("attempts").path("1").asLong());

    // a gate between the rows' first scores: the rows under it are tried again with new seeds
    ovrl.sort(null);
    double gate = (ovrl.get(ROWS / 2 - 1) + ovrl.get(ROWS / 2)) / 2;
    String[] gated = {"--attempts=3", "--minDnsmos=" + gate};
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    assertEquals(0, run(manifest, a, gated));
    assertEquals(0, run(manifest, b, gated));
    Map<String, String> left = comparable(a);
    assertEquals(left, comparable(b), "the same job twice");
    Map<String, GenericRecord> gatedRows = byId(Datasets.metadata(a));
    Map<String, String> errorMessages = new TreeMap<>();
    Datasets.errors(a).forEach(e -> errorMessages.put(str(e, "id"), str(e, "message")));
    for (GenericRecord r : once.values()) {
      String id = str(r, "id");
      boolean passedFirst = (Double) r.get("dnsmos_ovrl") >= gate;
      GenericRecord g = gatedRows.get(id);
      if (passedFirst) {
        assertNotNull(g, id);
        assertEquals(1, g.get("attempts"), id);
        continue;
      }
      if (g == null) {
        // missed on all three: in errors/, with three different draws (new seeds, new audio)
        String m = errorMessages.get(id);
        java.util.regex.Matcher scores = java.util.regex.Pattern.compile("\\d: dnsmos_ovrl ([0-9.]+)").matcher(m);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        while (scores.find()) {
          distinct.add(scores.group(1));
        }
        assertTrue(distinct.size() > 1, id + ": every attempt sounded the same: " + m);
        java.util.regex.Matcher best = java.util.regex.Pattern.compile("best attempt (\\d) \\(seed (-?\\d+)\\)").matcher(m);
        assertTrue(best.find(), m);
        assertEquals(
            XttsEngine.attemptSeed(XttsEngine.rowSeed(SEED, id), Integer.parseInt(best.group(1))),
            Long.parseLong(best.group(2)), id + ": the best attempt's seed");
        continue;
      }
      List<GenericRecord> tries = attempts(g);
      int n = (Integer) g.get("attempts");
      assertTrue(n >= 2, id + " was tried again");
      assertEquals(n, tries.size());
      assertEquals(r.get("dnsmos_ovrl"), tries.get(0).get("dnsmos_ovrl"), id + ": attempt 1 is the first job's");
      assertEquals(List.of("minDnsmos"), strings(tries.get(0).get("missed_gates")));
      for (int k = 1; k < n; k++) {
        long seed = XttsEngine.attemptSeed(XttsEngine.rowSeed(SEED, id), k + 1);
        assertEquals(seed, tries.get(k).get("seed"), id + " attempt " + (k + 1));
      }
      assertTrue(strings(tries.get(n - 1).get("missed_gates")).isEmpty(), id + ": the kept attempt passed");
      assertEquals(tries.get(n - 1).get("seed"), g.get("sampling_seed"), id + ": the kept audio is the last attempt's");
      assertTrue((Double) g.get("dnsmos_ovrl") >= gate, id);
    }
    JsonNode summary = Datasets.summary(a);
    assertTrue(
        summary.path("metrics").path("counters").path("attempts.retried").asLong() >= ROWS / 2,
        "the rows under the gate were tried again: " + summary.path("metrics"));
    assertEquals(ROWS, summary.get("rows_ok").asLong() + summary.get("rows_failed").asLong());
    assertEquals(ROWS - gatedRows.size(), Datasets.errors(a).size());
  }

  @Test
  void gatesThatCannotBeMetStopTheJobAtStart() throws IOException {
    Path manifest = manifest();
    assertStartError(
        "--minDnsmos needs DNSMOS in --qualityModelDir=",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o1"), "--engine=xtts",
        "--modelDir=" + XttsJobTest.TINY, "--minDnsmos=3", "--qualityModelDir=" + work.resolve("none"));
    assertStartError(
        "--minSpeakerSimilarity needs an engine that clones the voice (XTTS)",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o2"), "--engine=espeak",
        "--minSpeakerSimilarity=0.5");
    assertStartError("--attempts=0 must be between 1 and 10",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o3"), "--engine=espeak", "--attempts=0");
    assertStartError("--attempts=11 must be between 1 and 10",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o4"), "--engine=espeak", "--attempts=11",
        "--dryRun");
    assertStartError("--minDnsmos=5.5 must be between 0 and 5",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o5"), "--engine=espeak", "--minDnsmos=5.5");
    assertStartError("--minSpeakerSimilarity=1.5 must be between -1 and 1",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o6"), "--engine=espeak",
        "--minSpeakerSimilarity=1.5");
    assertStartError("--minDnsmos=NaN: expected a finite number",
        "run", "--manifest=" + manifest, "--output=" + work.resolve("o7"), "--engine=espeak", "--minDnsmos=NaN");
  }

  /** Opens the page in headless Chromium, as RunJobTest does: no console message allowed. */
  private void renderWithoutConsoleMessages(Path report) throws IOException {
    Path screenshot = Path.of("target", "report-best-of-n.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    Process p =
        new ProcessBuilder(
                "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(work, "chromium"),
                "--enable-logging=stderr", "--v=0", "--screenshot=" + screenshot, "--window-size=1280,2400",
                report.toUri().toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertEquals(0, p.exitValue(), log);
    assertEquals(List.of(), log.lines().filter(l -> l.contains(":CONSOLE")).toList(), "console messages");
    assertTrue(Files.size(screenshot) > 20_000, "a real screenshot at " + screenshot);
  }

  private static void assertStartError(String expected, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, said);
    assertTrue(said.contains(expected), said);
    assertEquals(1, said.strip().lines().count(), "one line: " + said);
    assertFalse(said.contains("\tat "), "no stack trace: " + said);
  }

  private static Map<String, GenericRecord> byId(List<GenericRecord> rows) {
    Map<String, GenericRecord> m = new TreeMap<>();
    rows.forEach(r -> m.put(str(r, "id"), r));
    return m;
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    ((List<?>) list).forEach(x -> out.add(x.toString()));
    return out;
  }

  /** Each row's metadata without its timings (the *_ms columns, step times), and each error row, by id. */
  private static Map<String, String> comparable(Path output) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    for (GenericRecord r : Datasets.metadata(output)) {
      StringBuilder s = new StringBuilder();
      for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
        if (!f.name().endsWith("_ms")) {
          // preprocess_steps names each step's time too
          String value = String.valueOf(r.get(f.name())).replaceAll("\\(\\d+(\\.\\d+)? ms\\)", "(time)");
          s.append(f.name()).append('=').append(value).append('\n');
        }
      }
      rows.put(str(r, "id"), s.toString());
    }
    for (GenericRecord e : Datasets.errors(output)) {
      rows.put("error " + str(e, "id"), str(e, "stage") + " " + str(e, "error_class") + " " + str(e, "message"));
    }
    return rows;
  }
}
