package dev.voicegen.whisper;

import dev.voicegen.onnx.OnnxSessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs only with {@code -Dwhisper.full=DIR} (a directory from {@code make_model.py --full DIR}):
 * the whisper-base-shaped model loads and decodes a fixed number of steps in a batch.
 */
@EnabledIfSystemProperty(named = "whisper.full", matches = ".+")
class FullModelSmokeTest {
  @Test
  void wholeBaseShapedModelDecodesFixedSteps() {
    try (WhisperModel m = WhisperModel.load(Path.of(System.getProperty("whisper.full")))) {
      assertEquals(51865, m.config().vocabSize()); // whisper-base multilingual vocabulary
      assertEquals(50259, m.config().languageId("en"));
      WhisperTranscriber t = m.transcriber(DecodingOptions.fixedSteps(20));
      List<Transcript> rs = t.transcribe(TinyWhisper.clips(3), Arrays.asList("en", null, "de"));
      for (Transcript r : rs) {
        assertEquals(20, r.steps());
        assertEquals(20, r.tokens().length);
        assertTrue(Arrays.stream(r.tokens()).allMatch(id -> id < m.config().endOfText()));
      }
      TranscriberStats s = t.stats();
      assertEquals(19, s.decodeSteps());
      assertTrue(s.decodeOrtNanos() > 0 && s.decodeOrtNanos() <= s.decodeNanos());
    }
  }

  /** make_model.py --full DIR --quantized: the int8 graphs load and decode as the float ones do. */
  @Test
  void quantizedGraphsDecodeFixedSteps() {
    Path dir = Path.of(System.getProperty("whisper.full"));
    assumeTrue(Files.isRegularFile(dir.resolve(WhisperGraphs.Graph.DECODER.file(true))), "built without --quantized");
    try (WhisperModel m = WhisperModel.load(dir, OnnxSessions.Settings.defaults().withInt8(true))) {
      for (Transcript r : m.transcriber(DecodingOptions.fixedSteps(10)).transcribe(TinyWhisper.clips(2), null)) {
        assertEquals(10, r.tokens().length);
        assertTrue(m.config().languageIds().containsKey(r.language()));
      }
    }
  }
}
