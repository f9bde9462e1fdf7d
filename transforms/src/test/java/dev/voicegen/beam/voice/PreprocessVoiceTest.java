package dev.voicegen.beam.voice;

import static dev.voicegen.beam.voice.ReferenceSamples.assertSameAudio;
import static dev.voicegen.beam.voice.ReferenceSamples.untimed;
import static dev.voicegen.beam.voice.ReferenceSamples.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.broadcast.BroadcastPreprocessor;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.beam.common.Stage;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PreprocessVoice after AnalyzeVoice and OptimizeVoice (how the job feeds it) on real samples, in
 * both chains: the audio becomes what the chain's kernel makes of the optimized audio, the
 * preprocess changes are recorded beside the optimize ones, and a failed sample passes through.
 */
class PreprocessVoiceTest {
  @TempDir Path dir;

  /** What optimize made of a file, and what each chain makes of that. */
  private record Expected(ProcessedVoice optimized, ProcessedVoice seed, ProcessedVoice broadcast)
      implements Serializable {}

  @Test
  void eachChainGivesWhatItsKernelGivesForTheOptimizedAudio() throws Exception {
    List<Path> good =
        List.of(voice("ls_2414_2414-128291-0000.flac"), voice("ls_367_367-130732-0000.flac"));
    Map<String, Expected> expected = new HashMap<>();
    List<KV<String, VoiceSample>> input = new ArrayList<>();
    for (Path file : good) {
      KV<String, VoiceSample> kv = ReferenceSamples.fingerprinted(file);
      AudioClip clip = AudioDecoder.decode(file);
      ProcessedVoice optimized = SeedVoiceProcessor.optimize(clip);
      expected.put(
          kv.getKey(),
          new Expected(
              optimized,
              SeedVoiceProcessor.preprocess(optimized.audio()),
              BroadcastPreprocessor.process(optimized.audio())));
      input.add(kv);
    }
    KV<String, VoiceSample> corrupt = ReferenceSamples.fingerprinted(ReferenceSamples.corrupt(dir));
    input.add(corrupt);
    String corruptHash = corrupt.getKey();

    Pipeline p = ReferenceSamples.pipeline();
    PCollection<KV<String, VoiceSample>> optimized =
        ReferenceSamples.create(p, input).apply(AnalyzeVoice.create()).apply(OptimizeVoice.create());
    for (String mode : List.of("seed", "broadcast")) {
      PAssert.that(optimized.apply("Preprocess_" + mode, PreprocessVoice.withMode(mode)))
          .satisfies(
              out -> {
                Map<String, VoiceSample> byHash = ReferenceSamples.byHash(out);
                assertEquals(3, byHash.size());
                expected.forEach(
                    (hash, want) -> {
                      VoiceSample got = byHash.get(hash);
                      String what = mode + " " + got.path();
                      assertEquals(hash, got.sha256(), "keyed by its own hash");
                      assertFalse(got.failed(), what + ": " + got.failure());
                      ProcessedVoice kernel = mode.equals("seed") ? want.seed() : want.broadcast();
                      assertSameAudio(kernel.audio(), got.audio(), what);
                      if (mode.equals("seed")) {
                        // the seed chain's target rate (specs/voice-samples.md), from 16 kHz LibriSpeech
                        assertEquals(22050, got.audio().sampleRate(), what);
                      }
                      VoiceChanges c = got.preprocessed();
                      assertEquals(mode, c.mode(), what);
                      assertEquals(kernel.gainDb(), c.gainDb(), what);
                      assertEquals(kernel.trimmedMs(), c.trimmedMs(), what);
                      assertEquals(kernel.cutMs(), c.cutMs(), what);
                      assertEquals(kernel.resampled(), c.resampled(), what);
                      assertEquals(kernel.audio().durationSeconds(), c.durationAfterS(), what);
                      assertEquals(kernel.warnings(), c.warnings(), what);
                      assertEquals(untimed(kernel.steps()), untimed(c.steps()), what);
                      assertEquals(want.optimized().gainDb(), got.optimized().gainDb(), what + ": optimize kept");
                      assertEquals("seed", got.optimized().mode(), what);
                      assertTrue(got.timings().optimizeMs() > 0, "optimize time kept");
                      assertTrue(got.timings().preprocessMs() > 0, "preprocess timed");
                    });
                VoiceSample bad = byHash.get(corruptHash);
                assertEquals(Stage.DECODE, bad.failure().stage(), "the decode failure, not a new one");
                assertEquals("undecodable_audio", bad.failure().errorClass());
                assertNull(bad.audio());
                assertNull(bad.preprocessed());
                assertEquals(0.0, bad.timings().preprocessMs());
                return null;
              });
    }
    p.run().waitUntilFinish();
  }

  @Test
  void anUnknownModeIsRefusedWhenTheJobIsBuilt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PreprocessVoice.withMode("studio"));
    assertTrue(e.getMessage().contains("--preprocess=studio"), e.getMessage());
    PreprocessVoice.withMode("BROADCAST"); // case does not matter
  }
}
