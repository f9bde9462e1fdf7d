package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every clip of the corpus against goldens.json (ffmpeg ebur128, libebur128, numpy WADA-SNR). */
class GoldenMeasurementTest {
  /** Acceptance: integrated loudness within 0.1 LU of ffmpeg. */
  private static final double LUFS_VS_FFMPEG = 0.1;
  /** Same K-weighting, blocks and gates as libebur128: a much tighter match. */
  private static final double LUFS_VS_LIBEBUR128 = 0.005;
  /** Acceptance: true peak within 0.3 dB of ffmpeg (which prints it to 0.1 dB). */
  private static final double TRUE_PEAK_VS_FFMPEG_DB = 0.3;
  /** Acceptance: WADA-SNR within 0.5 dB of the numpy port. */
  private static final double SNR_VS_NUMPY_DB = 0.5;

  static List<String> clips() {
    return MeasureCorpus.clipNames();
  }

  @Test
  void corpusHasAtLeastTwentyClipsAllWithGoldens() throws IOException {
    TreeSet<String> files;
    try (Stream<Path> listing = Files.list(MeasureCorpus.directory().resolve("clips"))) {
      files = listing.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertTrue(files.size() >= 20, "corpus size " + files.size());
    assertEquals(files, new TreeSet<>(clips()), "clips/ and goldens.json disagree: rerun make_goldens.py");
  }

  @ParameterizedTest
  @MethodSource("clips")
  void decodesAsFfmpegDoes(String name) {
    AudioClip clip = MeasureCorpus.clip(name);
    assertEquals(MeasureCorpus.golden(name).get("sampleRate").asInt(), clip.sampleRate());
    assertEquals(MeasureCorpus.golden(name).get("channels").asInt(), clip.channelCount());
    assertEquals(MeasureCorpus.golden(name).get("frames").asInt(), clip.frames());
  }

  @ParameterizedTest
  @MethodSource("clips")
  void integratedLoudnessMatchesFfmpegAndLibebur128(String name) {
    Double expected = MeasureCorpus.number(name, "/ffmpeg/integratedLufs");
    Double actual = LoudnessMeter.integratedLufs(MeasureCorpus.clip(name));
    if (expected == null) {
      assertNull(actual, name + " should not be measurable");
      return;
    }
    assertNotNull(actual, name);
    assertEquals(expected, actual, LUFS_VS_FFMPEG, name + " vs ffmpeg");
    assertEquals(MeasureCorpus.number(name, "/libebur128/integratedLufs"), actual, LUFS_VS_LIBEBUR128,
        name + " vs libebur128");
  }

  @ParameterizedTest
  @MethodSource("clips")
  void truePeakMatchesFfmpeg(String name) {
    Double expected = MeasureCorpus.number(name, "/ffmpeg/truePeakDbtp");
    PeakLevels peaks = TruePeakMeter.measure(MeasureCorpus.clip(name));
    if (expected == null) {
      assertNull(peaks.truePeakDbtp(), name);
      return;
    }
    assertEquals(expected, peaks.truePeakDbtp(), TRUE_PEAK_VS_FFMPEG_DB, name + " vs ffmpeg");
  }

  @ParameterizedTest
  @MethodSource("clips")
  void samplePeakAndDcOffsetMatchNumpy(String name) {
    AudioClip clip = MeasureCorpus.clip(name);
    Double expectedPeak = MeasureCorpus.number(name, "/numpy/samplePeakDbfs");
    Double peak = TruePeakMeter.measure(clip).samplePeakDbfs();
    if (expectedPeak == null) {
      assertNull(peak, name);
    } else {
      assertEquals(expectedPeak, peak, 1e-3, name);
      assertEquals(MeasureCorpus.number(name, "/libebur128/samplePeakDbfs"), peak, 1e-3, name);
    }
    assertEquals(MeasureCorpus.number(name, "/numpy/dcOffset"), DcOffset.of(clip), 1e-6, name);
  }

  @ParameterizedTest
  @MethodSource("clips")
  void wadaSnrMatchesNumpyPort(String name) {
    Double expected = MeasureCorpus.number(name, "/numpy/wadaSnrDb");
    Double actual = WadaSnr.estimateDb(MeasureCorpus.clip(name));
    if (expected == null) {
      assertNull(actual, name);
      return;
    }
    assertNotNull(actual, name);
    assertEquals(expected, actual, SNR_VS_NUMPY_DB, name);
  }
}
