package dev.voicegen.beam.voice;

import static dev.voicegen.beam.voice.ReferenceSamples.assertSameAudio;
import static dev.voicegen.beam.voice.ReferenceSamples.untimed;
import static dev.voicegen.beam.voice.ReferenceSamples.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
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
 * OptimizeVoice after AnalyzeVoice (how the job feeds it) on real samples: the audio becomes what
 * the seed optimize kernel makes of the decoded file, the changes record what it did, the
 * analysis is kept, and a sample that failed to decode passes through untouched.
 */
class OptimizeVoiceTest {
  @TempDir Path dir;

  private record Expected(SeedAnalysis analysis, ProcessedVoice optimized) implements Serializable {}

  @Test
  void theAudioIsTheSeedOptimizeOfTheDecodedSampleAndFailuresPassThrough() throws Exception {
    // a 16 kHz read and a clipped one, both resampled to 22050 Hz and normalised
    List<Path> good = List.of(voice("ls_3331_3331-159605-0001.flac"), voice("var_clipped.wav"));
    Map<String, Expected> expected = new HashMap<>();
    List<KV<String, VoiceSample>> input = new ArrayList<>();
    for (Path file : good) {
      KV<String, VoiceSample> kv = ReferenceSamples.fingerprinted(file);
      AudioClip clip = AudioDecoder.decode(file);
      expected.put(
          kv.getKey(),
          new Expected(SeedAnalyzer.analyze(clip, Files.size(file)), SeedVoiceProcessor.optimize(clip)));
      input.add(kv);
    }
    KV<String, VoiceSample> corrupt = ReferenceSamples.fingerprinted(ReferenceSamples.corrupt(dir));
    input.add(corrupt);
    String corruptHash = corrupt.getKey();

    Pipeline p = ReferenceSamples.pipeline();
    PAssert.that(
            ReferenceSamples.create(p, input).apply(AnalyzeVoice.create()).apply(OptimizeVoice.create()))
        .satisfies(
            out -> {
              Map<String, VoiceSample> byHash = ReferenceSamples.byHash(out);
              assertEquals(3, byHash.size());
              expected.forEach(
                  (hash, want) -> {
                    VoiceSample got = byHash.get(hash);
                    String what = got.path();
                    assertEquals(hash, got.sha256(), "keyed by its own hash");
                    assertFalse(got.failed(), what + ": " + got.failure());
                    ProcessedVoice kernel = want.optimized();
                    assertSameAudio(kernel.audio(), got.audio(), what);
                    assertEquals(22050, got.audio().sampleRate(), what); // the seed chain's rate
                    VoiceChanges c = got.optimized();
                    assertEquals("seed", c.mode(), what);
                    assertEquals(kernel.gainDb(), c.gainDb(), what);
                    assertEquals(kernel.trimmedMs(), c.trimmedMs(), what);
                    assertEquals(kernel.cutMs(), c.cutMs(), what);
                    assertTrue(c.resampled(), what + ": 16 kHz in");
                    assertEquals(kernel.audio().durationSeconds(), c.durationAfterS(), what);
                    assertEquals(kernel.warnings(), c.warnings(), what);
                    assertEquals(untimed(kernel.steps()), untimed(c.steps()), what);
                    assertEquals(want.analysis(), got.analysis(), what + ": analysis kept");
                    assertNull(got.preprocessed(), "preprocess has not run");
                    assertTrue(got.timings().decodeMs() > 0, "decode time kept");
                    assertTrue(got.timings().optimizeMs() > 0, "optimize timed");
                  });
              VoiceSample bad = byHash.get(corruptHash);
              assertEquals(Stage.DECODE, bad.failure().stage(), "the decode failure, not a new one");
              assertEquals("undecodable_audio", bad.failure().errorClass());
              assertNull(bad.audio());
              assertNull(bad.optimized());
              assertEquals(0.0, bad.timings().optimizeMs(), "a failed sample is not optimized");
              return null;
            });
    p.run().waitUntilFinish();
  }
}
