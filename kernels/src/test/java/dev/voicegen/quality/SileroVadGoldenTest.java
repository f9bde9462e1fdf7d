package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.onnx.OnnxSessions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silero VAD on the 25 shared voices against goldens/silero_vad.tsv, which the silero-vad
 * package's get_speech_timestamps (defaults, return_seconds) wrote: the same number of segments,
 * every bound within 0.1 s, the same speech seconds.
 */
class SileroVadGoldenTest {
  private static final double BOUND_TOLERANCE_S = 0.1; // goldens/README.md: each bound within 0.1 s
  private static SileroVad vad;

  @BeforeAll
  static void load() {
    vad = SileroVad.load(SharedData.require(SharedData.MODELS.resolve("silero-vad")), OnnxSessions.Settings.defaults());
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  @Test
  void everyClipHasTheReferenceSegments() throws IOException {
    Map<String, Map<String, String>> golden = SharedData.table("silero_vad.tsv");
    assertEquals(25, golden.size());
    List<String> files = new ArrayList<>(golden.keySet());
    List<AudioClip> clips = files.stream().map(SharedData::voice).toList();
    List<VadResult> results = vad.detect(clips, VadParameters.DEFAULTS); // one lock-step batch
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      JsonNode want = new ObjectMapper().readTree(golden.get(files.get(i)).get("segments_s"));
      List<SpeechSegment> got = results.get(i).segments();
      assertEquals((clips.get(i).frames() + 511) / 512, results.get(i).chunkProbabilities().length);
      if (want.size() != got.size()) {
        mismatches.add(files.get(i) + ": " + got.size() + " segments " + describe(got) + ", golden " + want);
        continue;
      }
      for (int s = 0; s < got.size(); s++) {
        double start = want.get(s).get(0).asDouble();
        double end = want.get(s).get(1).asDouble();
        if (Math.abs(got.get(s).startS() - start) > BOUND_TOLERANCE_S + 1e-9
            || Math.abs(got.get(s).endS() - end) > BOUND_TOLERANCE_S + 1e-9) {
          mismatches.add(files.get(i) + " segment " + s + ": " + describe(got) + ", golden " + want);
        }
      }
      double speech = Double.parseDouble(golden.get(files.get(i)).get("speech_s"));
      if (Math.abs(results.get(i).speechSeconds() - speech) > BOUND_TOLERANCE_S + 1e-9) {
        mismatches.add(files.get(i) + " speech_s: " + results.get(i).speechSeconds() + ", golden " + speech);
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  @Test
  void aClipAloneGetsTheProbabilitiesItGetsInABatch() {
    AudioClip shortClip = SharedData.voice("var_quiet.wav");
    AudioClip longClip = SharedData.voice("ls_1688_1688-142285-0000.flac");
    float[] alone = vad.detect(longClip).chunkProbabilities();
    List<VadResult> both = vad.detect(List.of(shortClip, longClip), VadParameters.DEFAULTS);
    // the short clip leaves the batch half way; the long one's state must be carried on unchanged
    assertArrayEquals(alone, both.get(1).chunkProbabilities(), 1e-4f);
    assertArrayEquals(vad.detect(shortClip).chunkProbabilities(), both.get(0).chunkProbabilities(), 1e-4f);
  }

  private static String describe(List<SpeechSegment> segments) {
    return segments.stream().map(s -> "[" + s.startS() + ", " + s.endS() + "]").toList().toString();
  }
}
