package dev.voicegen.beam.voice;

import static dev.voicegen.beam.voice.ReferenceSamples.assertSameAudio;
import static dev.voicegen.beam.voice.ReferenceSamples.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.MeasurementAnalyzer;
import dev.voicegen.audio.measure.QualityScore;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.beam.common.Stage;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AnalyzeVoice on real reference samples: each decoded sample carries exactly what the decoder and
 * the analysis kernels give for the same file; a file that cannot be decoded becomes a failure.
 */
class AnalyzeVoiceTest {
  @TempDir Path dir;

  /** What the kernels give for one file, called directly. */
  private record Expected(AudioClip clip, SeedAnalysis analysis, MeasuredAnalysis measured, QualityScore quality)
      implements Serializable {}

  @Test
  void eachSampleGainsItsDecodedAudioAndAnalysisAndBadFilesFailAtDecode() throws Exception {
    // a clean read, a quiet one (a low score) and digital silence (no loudness at all)
    List<Path> good =
        List.of(voice("ls_2414_2414-128291-0000.flac"), voice("var_quiet.wav"), voice("var_silence.wav"));
    Map<String, Expected> expected = new HashMap<>();
    List<KV<String, VoiceSample>> input = new ArrayList<>();
    for (Path file : good) {
      KV<String, VoiceSample> kv = ReferenceSamples.fingerprinted(file);
      AudioClip clip = AudioDecoder.decode(file);
      MeasuredAnalysis m = MeasurementAnalyzer.measure(clip);
      expected.put(
          kv.getKey(),
          new Expected(clip, SeedAnalyzer.analyze(clip, Files.size(file)), m, QualityScore.of(m)));
      input.add(kv);
    }
    KV<String, VoiceSample> corrupt = ReferenceSamples.fingerprinted(ReferenceSamples.corrupt(dir));
    input.add(corrupt);
    String missingPath = dir.resolve("gone.wav").toString();
    input.add(KV.of("missing-hash", VoiceSample.fingerprinted("missing-hash", missingPath, 1000)));
    String corruptHash = corrupt.getKey();

    Pipeline p = ReferenceSamples.pipeline();
    PAssert.that(ReferenceSamples.create(p, input).apply(AnalyzeVoice.create()))
        .satisfies(
            out -> {
              Map<String, VoiceSample> byHash = ReferenceSamples.byHash(out);
              assertEquals(5, byHash.size(), byHash.keySet().toString());
              expected.forEach(
                  (hash, want) -> {
                    VoiceSample got = byHash.get(hash);
                    assertEquals(hash, got.sha256(), "keyed by its own hash");
                    assertFalse(got.failed(), got.path() + ": " + got.failure());
                    assertSameAudio(want.clip(), got.audio(), got.path());
                    assertEquals(want.analysis(), got.analysis(), got.path());
                    assertEquals(want.measured(), got.measured().analysis(), got.path());
                    assertEquals(want.quality(), got.measured().quality(), got.path());
                    assertNull(got.optimized(), "optimize has not run");
                    assertNull(got.preprocessed(), "preprocess has not run");
                    assertTrue(got.timings().decodeMs() > 0, "decode timed");
                    assertTrue(got.timings().analyzeMs() > 0, "analysis timed");
                  });
              VoiceSample bad = byHash.get(corruptHash);
              assertTrue(bad.failed());
              assertEquals(Stage.DECODE, bad.failure().stage());
              assertEquals("undecodable_audio", bad.failure().errorClass());
              assertTrue(bad.failure().message().contains("corrupt.wav"), bad.failure().message());
              assertNull(bad.audio());
              assertNull(bad.analysis());
              VoiceSample gone = byHash.get("missing-hash");
              assertEquals(Stage.DECODE, gone.failure().stage());
              assertEquals("missing_file", gone.failure().errorClass());
              assertTrue(gone.failure().message().contains(missingPath), gone.failure().message());
              assertNotNull(gone.timings());
              return null;
            });
    p.run().waitUntilFinish();
  }
}
