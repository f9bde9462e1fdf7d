package dev.voicegen.beam.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.voice.AnalyzeVoice;
import dev.voicegen.beam.voice.ReferenceSamples;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DescribeRows, the --dryRun path: every row is joined to the analysis of its own reference sample
 * and passed on without any audio; rows of a failed or missing sample fail with its reason.
 */
class DescribeRowsTest {
  @TempDir Path dir;

  @Test
  void everyRowCarriesItsOwnSamplesAnalysisAndNoAudio() throws Exception {
    Path fileA = ReferenceSamples.voice("ls_2414_2414-128291-0000.flac");
    Path fileB = ReferenceSamples.voice("ls_367_367-130732-0000.flac");
    KV<String, VoiceSample> a = ReferenceSamples.fingerprinted(fileA);
    KV<String, VoiceSample> b = ReferenceSamples.fingerprinted(fileB);
    Path corruptFile = ReferenceSamples.corrupt(dir);
    KV<String, VoiceSample> corrupt = ReferenceSamples.fingerprinted(corruptFile);
    // the analysis each row must carry, from the kernel on the same file
    Map<String, SeedAnalysis> analysisByHash = new HashMap<>();
    for (Path file : List.of(fileA, fileB)) {
      AudioClip clip = AudioDecoder.decode(file);
      analysisByHash.put(ReferenceSamples.fingerprinted(file).getKey(), SeedAnalyzer.analyze(clip, Files.size(file)));
    }
    String reason =
        assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(corruptFile)).getMessage();

    List<KV<String, ManifestEntry>> rows = new ArrayList<>();
    Map<String, String> hashById = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      KV<String, VoiceSample> voice = i % 2 == 0 ? a : b;
      ManifestEntry e = new ManifestEntry("r" + i, "Row number " + i + " is described.", voice.getValue().path(), "en", "s" + (i % 2), "m.csv:" + (i + 2));
      rows.add(KV.of(voice.getKey(), e));
      hashById.put(e.id(), voice.getKey());
    }
    ManifestEntry bad = new ManifestEntry("bad", "Never spoken.", corruptFile.toString(), "en", "s2", "m.csv:8");
    rows.add(KV.of(corrupt.getKey(), bad));
    ManifestEntry orphan = new ManifestEntry("orphan", "Nobody's voice.", "gone.wav", "de", "s3", "m.csv:9");
    rows.add(KV.of("no-such-sample", orphan));

    Pipeline p = ReferenceSamples.pipeline();
    PCollectionTuple out =
        SynthesisInputs.of(p, rows, ReferenceSamples.create(p, List.of(a, b, corrupt)).apply(AnalyzeVoice.create()))
            .apply(DescribeRows.create());
    List<ManifestEntry> entries = rows.stream().map(KV::getValue).toList();
    PAssert.that(out.get(SynthesizeSpeech.SPEECH))
        .satisfies(
            described -> {
              Set<String> ids = new HashSet<>();
              for (GeneratedSpeech s : described) {
                String id = s.entry().id();
                assertTrue(ids.add(id), "once: " + id);
                assertEquals(entries.get(Integer.parseInt(id.substring(1))), s.entry(), id);
                String hash = hashById.get(id);
                assertEquals(hash, s.voice().sha256(), id + " joined to its own sample");
                assertEquals(analysisByHash.get(hash), s.voice().analysis(), id);
                assertNull(s.voice().audio(), "no reference audio");
                assertNull(s.audio(), "no speech in a dry run");
                assertEquals(DescribeRows.ENGINE, s.engine());
                assertFalse(s.voiceCloned());
                assertNull(s.seed());
                assertEquals(0.0, s.synthesizeMs());
              }
              assertEquals(hashById.keySet(), ids);
              return null;
            });
    PAssert.that(out.get(SynthesizeSpeech.FAILURES))
        .satisfies(
            failures -> {
              List<FailedRow> got = new ArrayList<>();
              failures.forEach(got::add);
              assertEquals(2, got.size(), got.toString());
              assertEquals(
                  Set.of(
                      FailedRow.of(bad, Stage.DECODE, "undecodable_audio", reason),
                      FailedRow.of(orphan, Stage.DECODE, "missing_voice", "no prepared sample")),
                  new HashSet<>(got));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
