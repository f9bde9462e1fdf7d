package dev.voicegen.whisper;

import dev.voicegen.onnx.OnnxSessions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.WhisperLogMel;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhisperTranscriberTest {
  private static WhisperModel model;

  @BeforeAll
  static void load() {
    model = WhisperModel.load(TinyWhisper.dir(), OnnxSessions.Settings.defaults().withThreads(1));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static WhisperTranscriber transcriber() {
    return model.transcriber(DecodingOptions.DEFAULT);
  }

  @Test
  void rowsGiveTheSameTokensAloneAndInABatch() {
    List<AudioClip> clips = TinyWhisper.clips(4);
    WhisperTranscriber t = transcriber();
    List<Transcript> batch = t.transcribe(clips, null);
    assertTrue(t.stats().compactions() > 0, "rows stop at different steps: finished rows are retired");
    Set<Integer> steps = new HashSet<>();
    for (int i = 0; i < clips.size(); i++) {
      Transcript alone = transcriber().transcribe(List.of(clips.get(i)), null).get(0);
      assertArrayEquals(alone.tokens(), batch.get(i).tokens(), "clip " + i);
      assertEquals(alone.steps(), batch.get(i).steps());
      assertEquals(alone.text(), batch.get(i).text());
      assertEquals(alone.language(), batch.get(i).language());
      steps.add(alone.steps());
    }
    assertTrue(steps.size() > 1, "the fixture must stop rows at different steps: " + steps);
  }

  @Test
  void stopsAtEndOfTextWhichIsNotInTheTokens() {
    for (Transcript r : transcriber().transcribe(TinyWhisper.clips(3), null)) {
      assertTrue(r.steps() < 30, "tiny fixture stops early: " + r.steps());
      assertEquals(r.steps() - 1, r.tokens().length);
      assertFalse(Arrays.stream(r.tokens()).anyMatch(id -> id >= TinyWhisper.END_OF_TEXT));
      assertEquals(model.tokenizer().decode(r.tokens()), r.text());
      assertFalse(r.text().isEmpty());
    }
  }

  @Test
  void fixedStepsIgnoreEndOfText() {
    WhisperTranscriber t = model.transcriber(DecodingOptions.fixedSteps(25));
    for (Transcript r : t.transcribe(TinyWhisper.clips(2), List.of("en", "en"))) {
      assertEquals(25, r.steps());
      assertEquals(25, r.tokens().length);
    }
    TranscriberStats s = t.stats();
    assertEquals(1, s.prefills());
    assertEquals(24, s.decodeSteps());
    assertEquals(0, s.compactions());
    assertTrue(s.decodeOrtNanos() <= s.decodeNanos() && s.decodeNanos() <= s.totalNanos());
    assertTrue(s.ortShare() > 0 && s.ortShare() <= 1);
    assertEquals(0, s.detections());
  }

  @Test
  void stopsAtMaxLengthCountingThePrompt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path dir = TinyWhisper.copyTo(tmp.resolve("m"));
    TinyWhisper.editJson(dir, "generation_config.json", g -> g.put("max_length", 10));
    try (WhisperModel short10 = WhisperModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1))) {
      List<Transcript> rs = short10.transcriber(DecodingOptions.DEFAULT).transcribe(TinyWhisper.clips(2), null);
      List<Transcript> full = transcriber().transcribe(TinyWhisper.clips(2), null);
      for (int i = 0; i < rs.size(); i++) {
        assertEquals(6, rs.get(i).steps()); // 10 - 4 prompt tokens
        assertArrayEquals(Arrays.copyOf(full.get(i).tokens(), 6), rs.get(i).tokens());
      }
    }
  }

  @Test
  void givenLanguagePutsItsTokenInThePrompt() throws OrtException {
    AudioClip clip = TinyWhisper.clip(0);
    float[] states = encode(clip);
    for (String lang : List.of("en", "de", "<|pt|>")) {
      Transcript r = transcriber().transcribe(List.of(clip), List.of(lang)).get(0);
      String code = WhisperConfig.languageCode(lang);
      assertEquals(code, r.language());
      int langId = model.config().languageId(code);
      float[] logits = lastLogits(states, new long[] {TinyWhisper.START, langId, TinyWhisper.TRANSCRIBE,
          TinyWhisper.NO_TIMESTAMPS});
      assertEquals(new TokenSuppression(model.config(), false).argmax(logits, 0, true), r.tokens()[0], lang);
    }
    assertNotEquals(Arrays.toString(transcriber().transcribe(List.of(clip), List.of("en")).get(0).tokens()),
        Arrays.toString(transcriber().transcribe(List.of(clip), List.of("de")).get(0).tokens()));
    assertThrows(IllegalArgumentException.class, () -> transcriber().transcribe(List.of(clip), List.of("xx")));
    assertThrows(IllegalArgumentException.class, () -> transcriber().transcribe(List.of(clip), List.of()));
  }

  @Test
  void nullLanguagePicksTheArgmaxLanguageToken() throws OrtException {
    List<AudioClip> clips = TinyWhisper.clips(4);
    List<Transcript> rs = transcriber().transcribe(clips, Arrays.asList("en", null, null, null));
    assertEquals("en", rs.get(0).language());
    Set<String> detected = new HashSet<>();
    for (int i = 1; i < clips.size(); i++) {
      float[] logits = lastLogits(encode(clips.get(i)), new long[] {TinyWhisper.START});
      String best = null;
      for (Map.Entry<String, Integer> e : model.config().languageIds().entrySet()) {
        if (best == null || logits[e.getValue()] > logits[model.config().languageId(best)]) {
          best = e.getKey();
        }
      }
      assertEquals(best, rs.get(i).language(), "clip " + i);
      detected.add(best);
      // Not merely the best logit overall: the language token wins among languages only.
      assertTrue(model.config().languageIds().containsKey(rs.get(i).language()));
    }
    assertTrue(detected.size() > 1, "the fixture detects different languages: " + detected);
  }

  @Test
  void detectionContinuesFromItsOwnRunAndDecodesAsIfTheLanguageWereGiven() {
    List<AudioClip> clips = TinyWhisper.clips(4);
    WhisperTranscriber t = transcriber();
    List<Transcript> detected = t.transcribe(clips, Arrays.asList(null, "de", null, null));
    TranscriberStats s = t.stats();
    assertEquals(1, s.detections(), "one uncached run on <|startoftranscript|> for the whole batch");
    assertEquals(1, s.prefills(), "the rest of the prompt continues on the cached branch");
    assertEquals("de", detected.get(1).language());
    List<String> languages = new ArrayList<>();
    detected.forEach(r -> languages.add(r.language()));
    List<Transcript> given = transcriber().transcribe(clips, languages);
    for (int i = 0; i < clips.size(); i++) {
      assertArrayEquals(given.get(i).tokens(), detected.get(i).tokens(), "clip " + i);
      assertEquals(given.get(i).steps(), detected.get(i).steps(), "clip " + i);
    }
  }

  @Test
  void everyWindowOfALongClipTakesTheLanguageOfItsFirst() {
    float[] head = TinyWhisper.clip(0).channel(0);
    float[] tail = TinyWhisper.clip(1).channel(0);
    float[] joined = new float[WhisperLogMel.N_SAMPLES + tail.length];
    System.arraycopy(head, 0, joined, 0, head.length);
    System.arraycopy(tail, 0, joined, WhisperLogMel.N_SAMPLES, tail.length);
    AudioClip clip = AudioClip.mono(16000, joined);
    Transcript detected = transcriber().transcribe(List.of(clip), null).get(0);
    assertEquals(transcriber().transcribe(List.of(TinyWhisper.clip(0)), null).get(0).language(),
        detected.language());
    Transcript given = transcriber().transcribe(List.of(clip), List.of(detected.language())).get(0);
    assertArrayEquals(given.tokens(), detected.tokens());
  }

  @Test
  void longClipIsTranscribedPerWindowAndJoined() {
    int n = WhisperLogMel.N_SAMPLES;
    float[] head = TinyWhisper.clip(0).channel(0);
    float[] tail = TinyWhisper.clip(1).channel(0);
    float[] joined = new float[n + tail.length];
    System.arraycopy(head, 0, joined, 0, head.length);
    System.arraycopy(tail, 0, joined, n, tail.length);
    WhisperTranscriber t = transcriber();
    Transcript both = t.transcribe(List.of(AudioClip.mono(16000, joined)), List.of("de")).get(0);
    assertEquals(2, t.stats().windows());
    assertEquals(1, t.stats().encoderRuns());
    List<Transcript> parts = transcriber().transcribe(TinyWhisper.clips(2), List.of("de", "de"));
    int[] expected = new int[parts.get(0).tokens().length + parts.get(1).tokens().length];
    System.arraycopy(parts.get(0).tokens(), 0, expected, 0, parts.get(0).tokens().length);
    System.arraycopy(parts.get(1).tokens(), 0, expected, parts.get(0).tokens().length, parts.get(1).tokens().length);
    assertArrayEquals(expected, both.tokens());
    assertEquals(parts.get(0).steps() + parts.get(1).steps(), both.steps());
    assertEquals(parts.get(0).text() + " " + parts.get(1).text(), both.text());
  }

  @Test
  void resamplesAndDownmixes() {
    AudioClip mono = TinyWhisper.clip(2);
    AudioClip stereo = new AudioClip(16000, new float[][] {mono.channel(0), mono.channel(0)});
    assertArrayEquals(transcriber().transcribe(List.of(mono), List.of("en")).get(0).tokens(),
        transcriber().transcribe(List.of(stereo), List.of("en")).get(0).tokens());
    AudioClip at8k = AudioClip.mono(8000, new float[8000]);
    assertEquals(1, transcriber().transcribe(List.of(at8k), List.of("en")).size());
  }

  private static float[] encode(AudioClip clip) {
    return transcriber().encode(new ArrayList<>(new WhisperLogMel().windows(clip))).get(0);
  }

  /** Logits of the last position of an uncached decoder run on batch 1. */
  private static float[] lastLogits(float[] states, long[] ids) throws OrtException {
    var env = model.env();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try (DecoderCache cache = DecoderCache.empty(env, model.config(), 1);
        OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
        OnnxTensor enc = OnnxTensor.createTensor(env, FloatBuffer.wrap(states),
            new long[] {1, WhisperGraphs.AUDIO_CTX, model.config().dModel()});
        OnnxTensor flag = OnnxTensor.createTensor(env, new boolean[] {false})) {
      feed.put(WhisperGraphs.INPUT_IDS, in);
      feed.put(WhisperGraphs.ENCODER_STATES, enc);
      feed.put(WhisperGraphs.USE_CACHE, flag);
      cache.feedInto(feed);
      try (OrtSession.Result r = model.decoderSession().run(feed)) {
        FloatBuffer b = ((OnnxTensor) r.get(WhisperGraphs.LOGITS).orElseThrow()).getFloatBuffer();
        float[] out = new float[TinyWhisper.VOCAB];
        b.position((ids.length - 1) * TinyWhisper.VOCAB);
        b.get(out);
        return out;
      }
    }
  }
}
