package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed kernels against pydub: goldens.properties comes from make_goldens.py (the pydub
 * reference) run on the espeak-ng/sox corpus of make_corpus.sh, all in src/test/resources/seed/.
 */
class SeedGoldenTest {
  private static final double DURATION_TOLERANCE_S = 0.010;
  private static final long LENGTH_TOLERANCE_MS = 20;
  private static final double PEAK_TOLERANCE_DB = 0.05;

  private static final Goldens GOLDENS = Goldens.load();

  static Stream<String> clips() {
    return GOLDENS.clipNames().stream();
  }

  @Test
  void corpusCoversTheCases() {
    List<String> names = GOLDENS.clipNames();
    assertTrue(names.size() >= 10, "at least 10 clips: " + names);
    List<Long> scores = new ArrayList<>();
    for (String name : names) {
      scores.add(GOLDENS.clip(name, "analysis").integer("score"));
    }
    for (long score : new long[] {20, 40, 60, 80, 100}) {
      assertTrue(scores.contains(score), "some clip scores " + score + ": " + scores);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void analysisMatchesPydub(String name) throws Exception {
    Goldens.Clip want = GOLDENS.clip(name, "analysis");
    Path path = Goldens.clipPath(name);
    SeedAnalysis got = SeedAnalyzer.analyze(AudioDecoder.decode(path), Files.size(path));

    for (SeedCheck check : SeedCheck.values()) {
      assertEquals(want.flag("checks." + check.key()), got.passed(check),
          name + ": check " + check.key() + ", failed " + got.failedChecks());
    }
    assertEquals(want.integer("score"), got.score(), name + ": score");
    assertEquals(want.text("verdict"), got.verdict(), name + ": verdict");
    assertEquals(want.text("speech_status"), got.speechStatus(), name + ": speech status");
    assertEquals(want.list("failed_checks"), got.failedChecks().stream().map(SeedCheck::key).toList(),
        name + ": failed checks");
    assertEquals(got.failedChecks().size(), got.recommendations().size(),
        name + ": one advice per failed check");
    assertEquals(want.number("duration_s"), got.durationS(), 1e-9, name + ": duration");
    assertEquals(want.number("speech_duration_s"), got.speechDurationS(), DURATION_TOLERANCE_S,
        name + ": speech duration");
    assertEquals(want.number("silence_duration_s"), got.silenceDurationS(), DURATION_TOLERANCE_S,
        name + ": silence duration");
    assertEquals(want.integer("channels"), got.channels(), name + ": channels");
    assertEquals(want.integer("sample_rate"), got.sampleRate(), name + ": rate");
    assertEquals(want.number("file_size_mb"), got.fileSizeMb(), 1e-12, name + ": file size");
    assertDb(want.decibels("loudness_dbfs"), got.loudnessDbfs(), 1e-9, name + ": loudness");
    assertDb(want.decibels("peak_dbfs"), got.peakDbfs(), 1e-9, name + ": peak");
    assertEquals(want.integer("speech_segments"), got.speechSegments(), name + ": segments");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void speechRangesMatchPydubExactly(String name) throws Exception {
    List<TimeRange> want = GOLDENS.clip(name, "analysis").ranges("speech_ranges");
    AudioClip clip = AudioDecoder.decode(Goldens.clipPath(name));
    assertEquals(want, SilenceDetector.detectNonsilent(clip, 500, -40), name);
    assertEquals(GOLDENS.clip(name, "analysis").integer("rms"), Dbfs.rms(clip), name + ": integer rms");
    assertEquals(GOLDENS.clip(name, "analysis").integer("peak"), Dbfs.peak(clip), name + ": peak");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void preprocessMatchesPydub(String name) throws Exception {
    ProcessedVoice got = SeedVoiceProcessor.preprocess(AudioDecoder.decode(Goldens.clipPath(name)));
    assertProcessed(name, GOLDENS.clip(name, "preprocess"), got, 6_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void optimizeMatchesPydub(String name) throws Exception {
    ProcessedVoice got = SeedVoiceProcessor.optimize(AudioDecoder.decode(Goldens.clipPath(name)));
    assertProcessed(name, GOLDENS.clip(name, "optimize"), got, 10_000);
  }

  /** Each pydub step, checked by the MD5 of its 16-bit output: names the first step that differs. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void everyPreprocessStepIsBitExact(String name) throws Exception {
    Goldens.Clip want = GOLDENS.clip(name, "preprocess");
    PcmSegment seg = PcmSegment.of(AudioDecoder.decode(Goldens.clipPath(name)));
    seg = assertStage(name, want, "mono", MonoMixdown.toMono(seg));
    seg = assertStage(name, want, "resampled", SeedResampler.resample(seg, 22050));
    seg = assertStage(name, want, "normalized", Normalizer.apply(seg, Normalizer.gainDb(seg, 0.1)));
    seg = assertStage(name, want, "compressed", new DynamicRangeCompressor(-20, 3, 5, 50).apply(seg));
    assertStage(name, want, "stripped", new SilenceStripper(1000, -40, 150).apply(seg));
  }

  private static void assertProcessed(String name, Goldens.Clip want, ProcessedVoice got, long warnBelowMs) {
    AudioClip audio = got.audio();
    assertEquals(1, audio.channelCount(), name + ": mono");
    assertEquals(22050, audio.sampleRate(), name + ": rate");
    assertEquals(want.integer("length_ms"), got.outputDurationMs(), LENGTH_TOLERANCE_MS, name + ": length ms");
    assertEquals(want.number("frames"), audio.frames(), LENGTH_TOLERANCE_MS * 22.05, name + ": frames");
    assertDb(want.decibels("peak_dbfs"), audio.frames() == 0 ? null : finite(Dbfs.peakDbfs(audio)),
        PEAK_TOLERANCE_DB, name + ": peak");
    assertDb(want.decibels("rms_dbfs"), finite(Dbfs.dbfs(audio)), PEAK_TOLERANCE_DB, name + ": rms");
    assertEquals(want.number("gain_db"), got.gainDb(), 1e-9, name + ": normalize gain");
    assertEquals(want.integer("trimmed_ms"), got.trimmedMs(), LENGTH_TOLERANCE_MS, name + ": trimmed");
    assertEquals(want.integer("cut_ms"), got.cutMs(), LENGTH_TOLERANCE_MS, name + ": cut");
    assertEquals(want.flag("warning"), !got.warnings().isEmpty(), name + ": warning");
    assertEquals(got.outputDurationMs() < warnBelowMs, !got.warnings().isEmpty(), name + ": warning rule");
    // the port is meant to be sample-exact: this names the clip where it is not
    assertEquals(want.text("md5"), md5(PcmSegment.of(audio)),
        name + ": 16-bit output differs from pydub");
  }

  private static PcmSegment assertStage(String name, Goldens.Clip want, String stage, PcmSegment got) {
    assertEquals(want.integer("stages." + stage + ".frames"), got.frames(), name + ": frames after " + stage);
    assertEquals(want.text("stages." + stage + ".md5"), md5(got), name + ": samples after " + stage);
    return got;
  }

  private static void assertDb(Double want, Double got, double tolerance, String message) {
    if (want == null) {
      assertNull(got, message);
    } else {
      assertEquals(want, got, tolerance, message);
    }
  }

  private static Double finite(double db) {
    return Double.isInfinite(db) ? null : db;
  }

  /** MD5 of the samples as little-endian int16, as pydub's raw_data. */
  static String md5(PcmSegment seg) {
    byte[] bytes = new byte[seg.data.length * 2];
    for (int i = 0; i < seg.data.length; i++) {
      bytes[2 * i] = (byte) seg.data[i];
      bytes[2 * i + 1] = (byte) (seg.data[i] >> 8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
