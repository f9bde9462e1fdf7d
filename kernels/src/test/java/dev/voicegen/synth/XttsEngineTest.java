package dev.voicegen.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.SamplingParams;
import dev.voicegen.xtts.TinyModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine on the tiny fixture: text front end, conditioning, batched generation, vocoder. */
class XttsEngineTest {
  private static XttsEngine engine;
  private static AudioClip reference;

  @BeforeAll
  static void load() throws Exception {
    engine =
        XttsEngine.load(
            TinyModel.dir(),
            OnnxSessions.Settings.defaults().withThreads(1).withKvBinding(OnnxSessions.KvBinding.ON),
            SamplingParams.defaults().withMaxCodes(40),
            7L);
    reference =
        AudioDecoder.decode(Path.of("src/test/resources/seed/clips/loud.wav"));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static SynthesisRequest row(String id, String text) {
    return new SynthesisRequest(id, text, "en", "ref-1", reference);
  }

  @Test
  void eachRowGets24kHzSpeechWithItsSeedAndSimilarity() {
    List<SynthesisResult> results =
        engine.synthesize(List.of(row("a", "Hello there."), row("b", "A longer sentence, with 42 words in it.")));
    assertEquals(2, results.size());
    for (SynthesisResult r : results) {
      assertTrue(r.ok(), r.message());
      assertEquals(XttsEngine.OUTPUT_RATE, r.audio().sampleRate());
      assertEquals(0, r.audio().frames() % TinyModel.SAMPLES_PER_FRAME, "whole vocoder frames");
      assertTrue(r.audio().frames() > 0);
      assertNotNull(r.speakerSimilarity());
      assertTrue(r.speakerSimilarity() >= -1 && r.speakerSimilarity() <= 1);
    }
    assertEquals(XttsEngine.rowSeed(7L, "a"), results.get(0).seed());
    // this thread's batch: decode steps and the bytes they handed between host and ORT (kvBinding on:
    // at most 2 rows x (vocab 1026 + 2 x width 64 + mask positions under 300) floats per step)
    java.util.Map<String, Long> counts = engine.lastBatchCounts();
    long steps = counts.get("decode_steps");
    long bytes = counts.get("decode_host_bytes");
    assertTrue(steps > 0, counts.toString());
    assertTrue(bytes > 0 && bytes <= steps * 2L * 4 * (1026 + 128 + 300), counts.toString());
  }

  /** --attempts: attempt 1 is the row as before; attempt 2 samples from its own seed. */
  @Test
  void aLaterAttemptDrawsFromItsOwnSeed() {
    SynthesisRequest first = row("again", "Say it once more.");
    SynthesisRequest second =
        new SynthesisRequest("again", "Say it once more.", "en", "ref-1", reference, null, 2);
    List<SynthesisResult> results = engine.synthesize(List.of(first, second));
    SynthesisResult before = engine.synthesize(List.of(row("again", "Say it once more."))).get(0);
    assertEquals(XttsEngine.rowSeed(7L, "again"), results.get(0).seed());
    assertEquals(XttsEngine.attemptSeed(XttsEngine.rowSeed(7L, "again"), 2), results.get(1).seed());
    assertEquals(before.audio().frames(), results.get(0).audio().frames(), "attempt 1 is the row as it was");
    float[] a = results.get(0).audio().channel(0);
    float[] b = results.get(1).audio().channel(0);
    boolean differs = a.length != b.length;
    for (int i = 0; !differs && i < a.length; i++) {
      differs = Math.abs(a[i] - b[i]) > 1e-3;
    }
    assertTrue(differs, "attempt 2 is another draw");
  }

  @Test
  void aRowSoundsTheSameAloneOrInAMixedBatch() {
    SynthesisResult alone = engine.synthesize(List.of(row("same", "Short one."))).get(0);
    List<SynthesisResult> batch =
        engine.synthesize(
            List.of(
                row("other", "This row has a much longer text than the one we compare."),
                row("same", "Short one."),
                row("third", "Mid length text here.")));
    float[] a = alone.audio().channel(0);
    float[] b = batch.get(1).audio().channel(0);
    assertEquals(a.length, b.length, "same codes, same length");
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-3, "sample " + i);
    }
  }

  @Test
  void sameSeedSameAudioDifferentIdDifferentAudio() {
    float[] first = engine.synthesize(List.of(row("x", "Repeat me."))).get(0).audio().channel(0);
    float[] again = engine.synthesize(List.of(row("x", "Repeat me."))).get(0).audio().channel(0);
    float[] other = engine.synthesize(List.of(row("y", "Repeat me."))).get(0).audio().channel(0);
    assertArrayEquals(first, again);
    assertFalse(java.util.Arrays.equals(first, other), "the row id feeds the seed");
  }

  @Test
  void longTextIsSplitIntoPiecesAndJoined() {
    String sentence = "This sentence is here to make the text longer than one piece allows. ";
    SynthesisResult one = engine.synthesize(List.of(row("p1", sentence))).get(0);
    SynthesisResult many = engine.synthesize(List.of(row("p2", sentence.repeat(6)))).get(0);
    assertTrue(many.ok(), many.message());
    assertTrue(many.audio().frames() > one.audio().frames(), "several pieces give more audio");
  }

  @Test
  void textWithNothingToSayFailsThatRowOnly() {
    List<SynthesisResult> results = engine.synthesize(List.of(row("e", "   "), row("f", "Fine.")));
    assertFalse(results.get(0).ok());
    assertTrue(results.get(1).ok());
  }

  @Test
  void rowSeedsDependOnJobSeedAndIdOnly() {
    assertEquals(XttsEngine.rowSeed(1, "a"), XttsEngine.rowSeed(1, "a"));
    assertTrue(XttsEngine.rowSeed(1, "a") != XttsEngine.rowSeed(2, "a"));
    assertTrue(XttsEngine.rowSeed(1, "a") != XttsEngine.rowSeed(1, "b"));
  }
}
