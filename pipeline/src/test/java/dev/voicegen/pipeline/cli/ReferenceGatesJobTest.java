package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.quality.SileroSpeech;
import dev.voicegen.quality.SileroVad;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference gates (issue 14, item 3) on real voices with the real quality models of
 * ../shared/models: digital silence fails its rows with no_speech, a 0.5 s cut of real speech with
 * reference_too_short, speech under white noise with reference_low_quality (only with
 * --minReferenceDnsmos), in run and in --dryRun alike, before any synthesis; the good rows are the
 * same as in a run without the gates, but for the new ref_* columns.
 */
class ReferenceGatesJobTest {
  static final Path SHARED = Path.of("../../shared").toAbsolutePath().normalize();
  static final Path MODELS = SHARED.resolve("models");
  static final Path VOICES = SHARED.resolve("data/voices");
  /** Between the noisy clip's OVRL (2.06 in the goldens) and the good voices' (3.10 to 3.36). */
  static final String MIN_DNSMOS = "2.5";
  static final List<String> GOOD = List.of("good-a1", "good-a2", "good-b", "good-c");
  static final Map<String, String> REFUSED = Map.of(
      "silent", "no_speech", "brief", "reference_too_short", "noisy", "reference_low_quality");

  @TempDir static Path work;
  static Path silent;
  static Path brief;
  static Path noisy;
  static Path gated;
  static Path dry;
  static Path ungated;

  @BeforeAll
  static void runJobs() throws IOException {
    assertTrue(Files.isDirectory(MODELS), "the test needs ../shared/models beside the repository");
    silent = Files.write(work.resolve("silent.wav"), WavWriter.toWav16(AudioClip.mono(16_000, new float[16_000 * 3])));
    // 0.5 s from inside a speech segment of a real voice ([1.2, 4.2] s in the Silero goldens)
    AudioClip source = AudioDecoder.decode(VOICES.resolve("ls_3080_3080-5032-0000.flac"));
    float[] speech = source.toMono().channel(0);
    brief = Files.write(work.resolve("brief.wav"), WavWriter.toWav16(AudioClip.mono(16_000,
        Arrays.copyOfRange(speech, 2 * 16_000, 2 * 16_000 + 8_000))));
    noisy = VOICES.resolve("var_white_noise.wav");
    List<String> rows = new ArrayList<>(List.of(
        "good-a1,Hello there.," + VOICES.resolve("ls_3080_3080-5032-0000.flac") + ",en",
        "good-a2,A second row on the same voice.," + VOICES.resolve("ls_3080_3080-5032-0000.flac") + ",en",
        "good-b,Good morning.," + VOICES.resolve("ls_2033_2033-164914-0000.flac") + ",en",
        "good-c,See you soon.," + VOICES.resolve("ls_2609_2609-156975-0001.flac") + ",en"));
    List<String> goodOnly = new ArrayList<>(rows);
    rows.add("silent,Nothing to hear.," + silent + ",en");
    rows.add("brief,Too little.," + brief + ",en");
    rows.add("noisy,Under the hiss.," + noisy + ",en");
    Path manifest = manifest("all.csv", rows);
    goodOnly.add("noisy,Under the hiss.," + noisy + ",en");
    Path withoutBad = manifest("good.csv", goodOnly);

    gated = work.resolve("gated");
    assertEquals(0, run("--manifest=" + manifest, "--output=" + gated, "--minReferenceDnsmos=" + MIN_DNSMOS));
    dry = work.resolve("dry");
    assertEquals(0, run("--manifest=" + manifest, "--output=" + dry, "--minReferenceDnsmos=" + MIN_DNSMOS, "--dryRun"));
    // the good rows (and the noisy one, which only the DNSMOS gate refuses) without any gate
    ungated = work.resolve("ungated");
    assertEquals(0, run("--manifest=" + withoutBad, "--output=" + ungated, "--minReferenceSpeech=0"));
  }

  private static Path manifest(String name, List<String> rows) throws IOException {
    List<String> lines = new ArrayList<>(List.of("id,text,speaker_wav,language"));
    lines.addAll(rows);
    return Files.write(work.resolve(name), lines);
  }

  private static int run(String... options) {
    List<String> args = new ArrayList<>(List.of("run", "--engine=espeak", "--qualityModelDir=" + MODELS));
    args.addAll(List.of(options));
    return new VoicegenCli(System.out, System.err).execute(args.toArray(String[]::new));
  }

  private static Map<String, GenericRecord> byId(List<GenericRecord> rows) {
    Map<String, GenericRecord> m = new TreeMap<>();
    rows.forEach(r -> m.put(str(r, "id"), r));
    return m;
  }

  private static void assertRefused(Path output) throws IOException {
    Map<String, GenericRecord> errors = byId(Datasets.errors(output));
    assertEquals(REFUSED.keySet(), errors.keySet());
    Map<String, Path> files = Map.of("silent", silent, "brief", brief, "noisy", noisy);
    for (Map.Entry<String, String> want : REFUSED.entrySet()) {
      GenericRecord e = errors.get(want.getKey());
      assertEquals(want.getValue(), str(e, "error_class"), e.toString());
      assertEquals("analyze", str(e, "stage"), e.toString());
      assertTrue(str(e, "message").startsWith(files.get(want.getKey()) + ": "), str(e, "message"));
    }
    assertTrue(str(errors.get("silent"), "message").contains("no speech found (Silero VAD)"));
    // the measured values are in the messages
    assertTrue(str(errors.get("brief"), "message").matches(".*: 0\\.[1-5]00 s of speech \\(Silero VAD\\), under the minimum of 2\\.0 s.*"),
        str(errors.get("brief"), "message"));
    assertTrue(str(errors.get("noisy"), "message").matches(".*: DNSMOS OVRL 2\\.0[0-9]{2}, under the minimum of 2\\.5 .*"),
        str(errors.get("noisy"), "message"));
    assertEquals(GOOD, byId(Datasets.metadata(output)).keySet().stream().toList());
    assertEquals(3, Datasets.summary(output).path("failures").size(), Datasets.summary(output).toString());
  }

  @Test
  void runRefusesSilenceShortAndNoisyReferencesBeforeSynthesis() throws IOException {
    assertRefused(gated);
    // nothing was synthesised for them
    try (var audio = Files.walk(gated.resolve("audio"))) {
      assertEquals(GOOD.size(), audio.filter(p -> p.toString().endsWith(".wav")).count());
    }
  }

  @Test
  void dryRunRefusesTheSameRows() throws IOException {
    assertRefused(dry);
    Map<String, GenericRecord> gatedRows = byId(Datasets.metadata(gated));
    for (GenericRecord r : Datasets.metadata(dry)) {
      assertEquals(true, r.get("dry_run"));
      for (String column : List.of("ref_dnsmos_ovrl", "ref_speech_s", "ref_vad")) {
        assertEquals(String.valueOf(gatedRows.get(str(r, "id")).get(column)), String.valueOf(r.get(column)), column);
      }
    }
  }

  @Test
  void goodRowsCarryTheReferenceColumnsFromTheRealModels() throws IOException {
    Map<String, GenericRecord> rows = byId(Datasets.metadata(gated));
    assertQualityModels(gated, MODELS, true, true);
    // ../shared/goldens: DNSMOS within 0.0005 of the reference code, Silero's speech_s to 0.1 s
    Map<String, double[]> golden = Map.of(
        "good-a1", new double[] {3.6209, 4.1405, 3.3554, 3.8834, 3.4},
        "good-b", new double[] {3.4775, 4.1415, 3.2430, 3.6583, 6.4},
        "good-c", new double[] {3.5895, 3.6502, 3.1051, 3.4118, 3.7});
    for (Map.Entry<String, double[]> g : golden.entrySet()) {
      GenericRecord r = rows.get(g.getKey());
      double[] want = g.getValue();
      assertEquals(want[0], (Double) r.get("ref_dnsmos_sig"), 0.01, g.getKey());
      assertEquals(want[1], (Double) r.get("ref_dnsmos_bak"), 0.01, g.getKey());
      assertEquals(want[2], (Double) r.get("ref_dnsmos_ovrl"), 0.01, g.getKey());
      assertEquals(want[3], (Double) r.get("ref_dnsmos_p808"), 0.01, g.getKey());
      assertEquals(want[4], (Double) r.get("ref_speech_s"), 0.15, g.getKey());
      assertEquals("silero", str(r, "ref_vad"));
    }
    // speech_ratio is Silero's share of speech frames of the decoded sample, not the energy VAD's
    try (SileroVad vad = SileroVad.load(MODELS.resolve("silero-vad"), OnnxSessions.Settings.defaults())) {
      for (String id : golden.keySet()) {
        AudioClip clip = AudioDecoder.decode(Path.of(str(rows.get(id), "speaker_wav")));
        double silero = SileroSpeech.of(vad).speechRatio(clip);
        assertNotEquals(silero, SpeechActivity.create().speechRatio(clip), 1e-3, id + ": the check tells them apart");
        assertEquals(silero, (Double) rows.get(id).get("speech_ratio"), 1e-12, id);
      }
    }
  }

  @Test
  void goodRowsAreTheSameAsWithoutTheGates() throws IOException {
    Map<String, GenericRecord> with = byId(Datasets.metadata(gated));
    Map<String, GenericRecord> without = byId(Datasets.metadata(ungated));
    // without --minReferenceDnsmos the noisy reference has speech enough and is spoken
    assertEquals(Set.of("good-a1", "good-a2", "good-b", "good-c", "noisy"), without.keySet());
    assertTrue(Datasets.errors(ungated).isEmpty());
    for (String id : GOOD) {
      GenericRecord a = with.get(id);
      GenericRecord b = without.get(id);
      int compared = 0;
      for (Schema.Field field : a.getSchema().getFields()) {
        String name = field.name();
        if (name.endsWith("_ms") || name.equals("preprocess_steps")) {
          continue; // timings differ from run to run (preprocess_steps carries each step's time)
        }
        if (name.equals("source")) {
          // two manifest files, the same line in each
          String sa = str(a, name);
          String sb = str(b, name);
          assertEquals(sa.substring(sa.lastIndexOf(':')), sb.substring(sb.lastIndexOf(':')), id);
          continue;
        }
        assertEquals(String.valueOf(a.get(name)), String.valueOf(b.get(name)), id + ": " + name);
        compared++;
      }
      assertTrue(compared > 60, "columns compared: " + compared);
      String audio = str(a, "audio_filepath");
      assertArrayEquals(Files.readAllBytes(gated.resolve(audio)), Files.readAllBytes(ungated.resolve(audio)), id);
    }
  }

  @Test
  void withoutSileroTheGatesUseTheEnergyVadAndSaySo() throws IOException {
    Path noModels = Files.createDirectories(work.resolve("no-models"));
    Path dnsmosOnly = Files.createDirectories(work.resolve("dnsmos-only"));
    Files.createSymbolicLink(dnsmosOnly.resolve("dnsmos"), MODELS.resolve("dnsmos"));
    Path manifest = manifest("energy.csv", List.of(
        "good-b,Good morning.," + VOICES.resolve("ls_2033_2033-164914-0000.flac") + ",en",
        "silent,Nothing to hear.," + silent + ",en"));
    for (Path models : List.of(noModels, dnsmosOnly)) {
      boolean dnsmos = models.equals(dnsmosOnly);
      Path output = work.resolve("energy-" + models.getFileName());
      assertEquals(0, new VoicegenCli(System.out, System.err).execute(new String[] {
          "run", "--engine=espeak", "--qualityModelDir=" + models, "--manifest=" + manifest, "--output=" + output}));
      GenericRecord good = Datasets.metadata(output).get(0);
      assertQualityModels(output, models, dnsmos, false);
      assertEquals("energy", str(good, "ref_vad"));
      assertEquals(dnsmos, good.get("ref_dnsmos_ovrl") != null, good.toString());
      assertTrue((Double) good.get("ref_speech_s") >= 2.0, good.toString());
      GenericRecord e = Datasets.errors(output).get(0);
      assertEquals("no_speech", str(e, "error_class"));
      assertTrue(str(e, "message").contains("no speech found (energy VAD; Silero VAD is not installed)"),
          str(e, "message"));
    }
  }

  /** summary.json says which folder the job's quality models came from and which of them it had. */
  private static void assertQualityModels(Path output, Path dir, boolean dnsmos, boolean vad) throws IOException {
    JsonNode q = Datasets.summary(output).path("quality_models");
    assertEquals(dir.toString(), q.path("dir").asText(), q.toString());
    assertEquals(dnsmos, q.path("dnsmos").asBoolean(!dnsmos), q.toString());
    assertEquals(vad, q.path("silero_vad").asBoolean(!vad), q.toString());
  }

  /** One line on stderr, exit 2, and the output folder never created. */
  private static String refusedAtStart(String... options) throws IOException {
    Path output = work.resolve("refused");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path manifest = manifest("one.csv", List.of("good-b,Good morning.," + VOICES.resolve("ls_2033_2033-164914-0000.flac") + ",en"));
    List<String> args = new ArrayList<>(List.of("run", "--engine=espeak", "--manifest=" + manifest, "--output=" + output));
    args.addAll(List.of(options));
    int status = new VoicegenCli(System.out, new PrintStream(err, true)).execute(args.toArray(String[]::new));
    String line = err.toString().strip();
    assertEquals(2, status, line);
    assertFalse(line.contains("\n"), line);
    assertFalse(Files.exists(output));
    return line;
  }

  @Test
  void badGateOptionsStopTheJobAtStart() throws IOException {
    Path noDnsmos = Files.createDirectories(work.resolve("vad-only/silero-vad"));
    Files.copy(MODELS.resolve("silero-vad/silero_vad.onnx"), noDnsmos.resolve("silero_vad.onnx"));
    String line = refusedAtStart("--qualityModelDir=" + noDnsmos.getParent(), "--minReferenceDnsmos=3");
    assertTrue(line.contains("--minReferenceDnsmos=3.0 needs the DNSMOS model"), line);
    assertTrue(line.contains(noDnsmos.getParent().resolve("dnsmos").toString()), line);
    line = refusedAtStart("--minReferenceSpeech=-1");
    assertTrue(line.contains("--minReferenceSpeech=-1.0: expected seconds of speech, 0 or more"), line);
    line = refusedAtStart("--minReferenceSpeech=NaN");
    assertTrue(line.contains("--minReferenceSpeech=NaN"), line);
    line = refusedAtStart("--qualityModelDir=" + MODELS, "--minReferenceDnsmos=7");
    assertTrue(line.contains("--minReferenceDnsmos=7.0: expected a DNSMOS OVRL between 0 and 5"), line);
    assertNotNull(line);
  }
}
