package dev.voicegen.beam.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.Mfcc;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.beam.voice.ReferenceSamples;
import dev.voicegen.whisper.SharedWhisperModels;
import dev.voicegen.whisper.Transcript;
import dev.voicegen.whisper.WhisperModel;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TranscribeAudio on real LibriSpeech files in a folder with the tiny Whisper model: each file's
 * row holds what the decoder, the transcriber and the MFCC kernel give for it; a corrupt file
 * fails alone, at decode.
 */
class TranscribeAudioTest {
  private static final String WHISPER =
      Path.of("../kernels/src/test/resources/whisper/tiny").toAbsolutePath().normalize().toString();
  private static final int MFCC = 13;

  @TempDir Path dir;

  /** What the kernels give for one file. */
  private record Expected(String text, String language, double durationS, float[][] mfcc) implements Serializable {}

  @Test
  void eachFileBecomesItsTranscriptRowAndACorruptFileFailsAtDecode() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("speaker_a"));
    List<String> names = List.of("ls_2414_2414-128291-0000.flac", "ls_367_367-130732-0000.flac");
    SharedWhisperModels.Key whisper = new SharedWhisperModels.Key(WHISPER, "cpu", 1);
    Map<String, Expected> expected = new HashMap<>();
    WhisperModel model = whisper.acquire();
    try {
      for (String name : names) {
        Path file = Files.copy(ReferenceSamples.voice(name), folder.resolve(name));
        AudioClip clip = AudioDecoder.decode(file.toString(), Files.readAllBytes(file));
        Transcript t = model.transcriber().transcribe(List.of(clip), List.of("en")).get(0);
        expected.put(
            name, new Expected(t.text().strip(), t.language(), clip.durationSeconds(), new Mfcc(MFCC).compute(clip)));
      }
    } finally {
      whisper.release();
    }
    ReferenceSamples.corrupt(folder);

    Pipeline p = ReferenceSamples.pipeline();
    PCollectionTuple out =
        p.apply(FileIO.match().filepattern(folder + "/*"))
            .apply(FileIO.readMatches())
            // batches of up to two: a row decodes in a batch as it does alone (WhisperTranscriberTest)
            .apply(new TranscribeAudio(new TranscribeAudio.Settings(whisper, "en", 2, MFCC)));
    PAssert.that(out.get(TranscribeAudio.TRANSCRIPTS))
        .satisfies(
            rows -> {
              Map<String, GenericRecord> byName = new HashMap<>();
              rows.forEach(r -> assertNull(byName.put(r.get("file_name").toString(), r), "once"));
              assertEquals(expected.keySet(), byName.keySet());
              expected.forEach(
                  (name, want) -> {
                    GenericRecord r = byName.get(name);
                    assertEquals("speaker_a", r.get("folder_name").toString(), name);
                    assertEquals(want.text(), r.get("transcription").toString(), name);
                    assertEquals(want.language(), r.get("language").toString(), name);
                    assertEquals(want.durationS(), (Double) r.get("duration_s"), name);
                    List<?> tokens = (List<?>) r.get("tokens");
                    assertEquals(want.mfcc().length, tokens.size(), name);
                    for (int i = 0; i < tokens.size(); i++) {
                      List<?> values = (List<?>) tokens.get(i);
                      assertEquals(want.mfcc()[i].length, values.size(), name);
                      for (int j = 0; j < values.size(); j++) {
                        assertEquals(want.mfcc()[i][j], (Float) values.get(j), name + " [" + i + "][" + j + "]");
                      }
                    }
                    assertTrue((Double) r.get("decode_ms") > 0, name);
                    assertTrue((Double) r.get("transcribe_ms") > 0, name);
                  });
              return null;
            });
    String corruptUri = folder.resolve("corrupt.wav").toString();
    PAssert.that(out.get(TranscribeAudio.FAILURES))
        .satisfies(
            failures -> {
              List<TranscribeFailure> all = new ArrayList<>();
              failures.forEach(all::add);
              assertEquals(1, all.size(), all.toString());
              TranscribeFailure f = all.get(0);
              assertEquals(TranscribeStage.DECODE, f.stage());
              assertEquals(AudioFile.of(corruptUri), f.file());
              assertEquals("AudioDecodeException", f.errorClass());
              assertTrue(f.message().contains("corrupt.wav"), f.message());
              return null;
            });
    p.run().waitUntilFinish();
  }
}
