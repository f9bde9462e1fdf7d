package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.TestFiles;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job with --engine=xtts on the tiny fixture model in the real layout. */
class XttsJobTest {
  static final Path TINY =
      Path.of("..", "kernels", "src", "test", "resources", "xtts", "tiny").toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void aModelThatCannotLoadStopsTheJobAtStartAndTouchesNoOutput() throws IOException {
    Path model = TestFiles.copyTree(TINY, work.resolve("model"));
    Files.writeString(model.resolve("hifigan_vocoder.onnx"), "not an ONNX graph");
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    Path manifest = f.csv("manifest.csv", List.of("id,text,speaker_wav,language,speaker_id",
        "a,\"A row to synthesise.\",voices/alice.wav,en,"));
    Path output = work.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new VoicegenCli(System.out, new PrintStream(err, true))
        .execute(new String[] {"run", "--manifest=" + manifest, "--output=" + output, "--engine=xtts",
            "--modelDir=" + model});
    assertEquals(2, status, err.toString());
    String said = err.toString().strip();
    assertEquals(1, said.lines().count(), said);
    assertTrue(said.contains("hifigan_vocoder.onnx"), said);
    assertFalse(Files.exists(output), "the output folder was touched");
  }

  @Test
  void everyGoodRowGetsClonedSpeechAndMetadata() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    f.demoVoice("carla_48k.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("x", 6, List.of("voices/alice.wav", "voices/carla_48k.wav")));
    csv.add("x-de,\"Guten Tag, 42 Stimmen.\",voices/carla_48k.wav,de,");
    csv.add("x-bad,\"Missing sample.\",voices/none.wav,en,");
    Path manifest = f.csv("manifest.csv", csv);
    Path output = work.resolve("out");

    int status =
        new VoicegenCli(System.out, System.err)
            .execute(new String[] {"run", "--manifest=" + manifest, "--output=" + output,
                "--engine=xtts", "--modelDir=" + TINY, "--batchSize=4", "--maxCodes=48",
                "--temperature=0.7", "--seed=11", "--onnxThreads=1"});

    assertEquals(0, status);
    JsonNode summary = Datasets.summary(output);
    assertEquals(8, summary.get("rows_in").asLong());
    assertEquals(7, summary.get("rows_ok").asLong());
    assertEquals(1, summary.get("rows_failed").asLong());
    assertTrue(summary.get("engine").asText().startsWith("xtts-v2"), summary.get("engine").asText());
    assertEquals("on", summary.path("xtts_batching").asText());
    assertTrue(summary.get("voice_cloned").asBoolean());
    assertEquals("CPML-1.0", summary.get("model_license").asText());
    // the driver's load of the model, a part of the job's wall time
    double load = summary.path("engine_load_s").asDouble(-1);
    assertTrue(load > 0 && load < summary.get("wall_time_s").asDouble(), summary.toString());
    String report = Files.readString(output.resolve("report.html"));
    assertFalse(report.contains("id=\"not-cloned\""), "no banner when rows were cloned");
    assertTrue(report.contains("voice cloned in 7 of 7 rows"), "the report counts the cloned rows");
    List<GenericRecord> rows = Datasets.metadata(output);
    TreeSet<String> ids = new TreeSet<>();
    for (GenericRecord r : rows) {
      ids.add(str(r, "id"));
      AudioClip clip = AudioDecoder.decode(output.resolve(str(r, "audio_filepath")));
      assertEquals(24_000, clip.sampleRate());
      assertTrue(clip.frames() > 0);
      assertEquals(24_000, r.get("output_sample_rate"));
      assertNotNull(r.get("speaker_similarity"));
      assertNotNull(r.get("sampling_seed"));
      assertEquals(0.7, (Double) r.get("sampling_temperature"), 1e-6);
      assertEquals(48, r.get("sampling_max_codes"));
      assertTrue(str(r, "model_version").startsWith("xtts-v2@"));
      assertEquals(true, r.get("voice_cloned"));
      assertEquals("CPML-1.0", str(r, "model_license"));
    }
    assertEquals(7, ids.size());
    assertTrue(ids.contains("x-de"));
  }

  /**
   * A model whose batched graphs were exported with batch 1 fixed (make_model.py --fixed-batch):
   * the probe turns batching off, every row of multi-row batches still comes out (one GPT call
   * for a batch would fail every row of it), and summary.json says why. 20 rows of one language
   * and length bucket over the 16 shards make at least one batch of 2 or more.
   */
  @Test
  void aModelThatCannotBatchStillGivesEveryRowAndSaysWhy() throws IOException {
    Path model = TestFiles.copyTree(TINY, work.resolve("model"));
    try (Stream<Path> graphs = Files.list(TINY.resolveSibling("variants").resolve("fixed-batch"))) {
      for (Path g : graphs.toList()) {
        Files.copy(g, model.resolve(g.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    f.demoVoice("carla_48k.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("v", 20, List.of("voices/alice.wav", "voices/carla_48k.wav")));
    Path manifest = f.csv("manifest.csv", csv);
    Path output = work.resolve("out");

    int status =
        new VoicegenCli(System.out, System.err)
            .execute(new String[] {"run", "--manifest=" + manifest, "--output=" + output,
                "--engine=xtts", "--modelDir=" + model, "--batchSize=4", "--maxCodes=24", "--onnxThreads=1"});

    assertEquals(0, status);
    JsonNode summary = Datasets.summary(output);
    assertEquals(20, summary.get("rows_ok").asLong());
    assertEquals(0, summary.get("rows_failed").asLong());
    String batching = summary.path("xtts_batching").asText();
    assertTrue(batching.startsWith("off (conditioning_encoder.onnx does not run a batch of 2"), batching);
    assertTrue(batching.contains("; gpt_model.onnx does not run a batch of 2"), batching);
    assertEquals(20, Datasets.metadata(output).size());
    JsonNode batches = summary.path("metrics").path("distributions").path("synthesize.batch_size");
    assertTrue(batches.path("max").asLong() >= 2, batches.toString());
  }

  @Test
  void voiceStateCachedOnDiskIsReusedByARerun() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("c", 3, List.of("voices/alice.wav")));
    Path manifest = f.csv("manifest.csv", csv);
    Path output = work.resolve("out");
    String[] args = {"run", "--manifest=" + manifest, "--output=" + output, "--engine=xtts",
        "--modelDir=" + TINY, "--maxCodes=16", "--cacheVoiceState", "--onnxThreads=1"};
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(args));
    JsonNode first = Datasets.summary(output).path("metrics").path("counters");
    assertEquals(0, first.path("voice_state.cache_hits").asLong(0));
    // the engine's decode counts reach summary.json (on CPU the reference path: every step hands
    // over logits, hidden states, embeddings and mask, and the whole KV cache in and out)
    long steps = first.path("synthesize.decode_steps").asLong(0);
    long bytes = first.path("synthesize.decode_host_bytes").asLong(0);
    assertTrue(steps > 0, first.toString());
    assertTrue(bytes > steps * 4L * (1026 + 128 + 4 * 64 * 36), first.toString());
    try (Stream<Path> cached = Files.walk(output.resolve("cache/voice-state"))) {
      assertEquals(1, cached.filter(p -> p.toString().endsWith(".bin")).count());
    }
    java.util.Map<String, AudioClip> before = audioById(output);
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(args));
    JsonNode second = Datasets.summary(output).path("metrics").path("counters");
    assertEquals(1, second.path("voice_state.cache_hits").asLong(0), second.toString());
    java.util.Map<String, AudioClip> after = audioById(output);
    assertEquals(before.keySet(), after.keySet());
    // same seeds and conditioning: same codes (length) and the same audio up to batch-order float noise
    for (String id : before.keySet()) {
      float[] a = before.get(id).channel(0);
      float[] b = after.get(id).channel(0);
      assertEquals(a.length, b.length, id);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 2e-3, id + " sample " + i);
      }
    }
  }

  private static java.util.Map<String, AudioClip> audioById(Path output) throws IOException {
    java.util.Map<String, AudioClip> clips = new java.util.TreeMap<>();
    for (GenericRecord r : Datasets.metadata(output)) {
      clips.put(str(r, "id"), AudioDecoder.decode(output.resolve(str(r, "audio_filepath"))));
    }
    return clips;
  }

  @Test
  void aCorruptModelIsAStartupErrorNamingTheFile() throws IOException {
    Path model = TestFiles.copyTree(TINY, work.resolve("model"));
    Files.delete(model.resolve("embeddings/mel_pos_embedding.npy"));
    Path manifest = Files.writeString(work.resolve("m.csv"), "id,text,speaker_wav\na,b,c.wav\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(System.out, new PrintStream(err, true))
            .execute(new String[] {"run", "--manifest=" + manifest, "--output=" + work.resolve("o"),
                "--engine=xtts", "--modelDir=" + model});
    assertEquals(2, status);
    assertTrue(err.toString().contains("mel_pos_embedding.npy"), err.toString());
  }

  @Test
  void cloneDoesOneRowWithTheModel() throws IOException {
    Path out = work.resolve("one.wav");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(new PrintStream(stdout, true), System.err)
            .execute(new String[] {"clone", "--text=Hello from one row.",
                "--speaker-wav=" + ManifestFixture.DEMO_VOICES.resolve("alice.wav"), "--language=en",
                "--output=" + out, "--engine=xtts", "--modelDir=" + TINY});
    assertEquals(0, status);
    assertEquals(24_000, AudioDecoder.decode(out).sampleRate());
    assertTrue(stdout.toString().contains("xtts-v2"), stdout.toString());
    assertTrue(stdout.toString().contains("voice cloned: yes (xtts-v2"), stdout.toString());
    assertTrue(stdout.toString().contains("weights under CPML-1.0"), stdout.toString());
  }
}
