package dev.voicegen.beam.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.beam.voice.ReferenceSamples;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.whisper.ErrorRates;
import dev.voicegen.whisper.SharedWhisperModels;
import dev.voicegen.whisper.Transcript;
import dev.voicegen.whisper.WhisperModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VerifySpeech with the tiny Whisper model the kernel tests use (kernels/src/test/resources,
 * random weights, so its transcripts are gibberish of varying length): each row's check is what
 * the transcriber and ErrorRates give for the same audio, and no row fails here (the --maxCer gate
 * is AcceptAttempts', after scoring).
 */
class VerifySpeechTest {
  private static final String WHISPER =
      Path.of("../kernels/src/test/resources/whisper/tiny").toAbsolutePath().normalize().toString();

  @TempDir Path dir;

  private static final List<String> TEXTS =
      List.of(
          "Hi.",
          "The quick brown fox jumps over the lazy dog.",
          "One two three.");

  @Test
  void eachRowCarriesItsTranscriptCheck() throws Exception {
    SharedWhisperModels.Key whisper = new SharedWhisperModels.Key(WHISPER, "cpu", 1);
    EngineSpec espeak = EngineSpec.espeak("espeak-ng").withTempDir(dir.resolve("engine").toString());
    KV<String, VoiceSample> voice =
        ReferenceSamples.fingerprinted(ReferenceSamples.voice("ls_2414_2414-128291-0000.flac"));
    List<KV<String, ManifestEntry>> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      rows.add(KV.of(voice.getKey(), new ManifestEntry("v" + i, TEXTS.get(i), "v.flac", "en", "s", "m.csv:" + (i + 2))));
    }

    // the check of each row, from the engine's audio and the transcriber called directly
    Map<String, AsrCheck> checks = new TreeMap<>();
    SpeechEngine engine = espeak.acquire();
    WhisperModel model = whisper.acquire();
    try {
      for (KV<String, ManifestEntry> kv : rows) {
        ManifestEntry e = kv.getValue();
        AudioClip audio =
            engine.synthesize(List.of(new SynthesisRequest(e.id(), e.text(), "en", voice.getKey(), null, null)))
                .get(0).audio();
        Transcript t = model.transcriber().transcribe(List.of(audio), List.of("en")).get(0);
        checks.put(
            e.id(), new AsrCheck(t.text(), t.language(), ErrorRates.cer(e.text(), t.text()), ErrorRates.wer(e.text(), t.text())));
      }
    } finally {
      whisper.release();
      espeak.release();
    }
    Pipeline p = ReferenceSamples.pipeline();
    PCollection<GeneratedSpeech> speech =
        SynthesisInputs.of(p, rows, ReferenceSamples.create(p, List.of(voice)))
            .apply(SynthesizeSpeech.with(espeak, 4, SynthesizeSpeech.DEFAULT_BATCH_TOKENS, null, SynthesizeSpeechTest.ONE_ATTEMPT))
            .get(SynthesizeSpeech.SPEECH);

    PCollectionTuple recorded = speech.apply("RecordOnly", VerifySpeech.with(whisper));
    PAssert.that(recorded.get(VerifySpeech.VERIFIED))
        .satisfies(
            verified -> {
              Map<String, AsrCheck> got = new TreeMap<>();
              verified.forEach(s -> {
                assertNotNull(s.audio(), "the audio stays with a verified row");
                got.put(s.entry().id(), s.asr());
              });
              assertEquals(checks, got);
              return null;
            });
    PAssert.that(recorded.get(VerifySpeech.FAILURES))
        .satisfies(
            failures -> {
              failures.forEach(f -> fail("verifying fails no row: " + f));
              return null;
            });

    p.run().waitUntilFinish();
  }

}
