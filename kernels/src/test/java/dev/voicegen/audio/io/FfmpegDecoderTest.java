package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioFixtures.Fixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MP3, Ogg Vorbis, Opus and M4A/AAC through FFmpeg, against the ffmpeg CLI's decode of the same file.
 *
 * <p>The references come from the ffmpeg 8.0.1 CLI bundled with the natives FfmpegDecoder loads:
 * same libraries, so the samples match exactly, with no lag (the decoders apply encoder delay and
 * padding from the container in both). Measured against Debian's ffmpeg 5.1 CLI instead: same frame
 * counts, best alignment at lag 0, largest difference 1.8e-7 (Vorbis), 1.5e-7 (AAC), 1.2e-7 (Opus),
 * 0 (MP3). The tolerance asserted is therefore 0 (manifest.tsv), with the lag search only to explain
 * a failure.
 */
class FfmpegDecoderTest {
  /** The largest lag searched when explaining a mismatch: one AAC frame plus priming. */
  private static final int MAX_LAG = 2112;

  static List<Fixture> lossyFixtures() {
    return AudioFixtures.manifest().stream()
        .filter(f -> f.name().matches(".*\\.(mp3|ogg|opus|m4a)"))
        .toList();
  }

  private static AudioClip decode(String name) throws AudioDecodeException {
    return FfmpegDecoder.standard().decode(name, AudioFixtures.bytes(name));
  }

  @Test
  void everyLossyFormatHasMonoAndStereoFixtures() {
    List<String> names = lossyFixtures().stream().map(Fixture::name).toList();
    for (String prefix : List.of("mp3", "vorbis", "opus", "aac")) {
      for (String layout : List.of("_mono_", "_stereo_")) {
        assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix + layout)), prefix + layout + " missing: " + names);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossyFixtures")
  void decodesExactlyAsTheFfmpegCli(Fixture fixture) throws Exception {
    AudioClip clip = decode(fixture.name());
    float[] reference = AudioFixtures.reference(fixture.name());
    int channels = fixture.channels();
    assertEquals(fixture.sampleRate(), clip.sampleRate(), "sample rate");
    assertEquals(channels, clip.channelCount(), "channels");
    assertEquals(reference.length / channels, clip.frames(), "frames");
    assertTrue(clip.durationSeconds() > 0.75 && clip.durationSeconds() <= 1.0, "duration " + clip.durationSeconds());
    for (int c = 0; c < channels; c++) {
      float[] expected = new float[clip.frames()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = reference[i * channels + c];
      }
      double worst = maxDifference(expected, clip.channel(c), 0);
      if (worst > fixture.tolerance()) {
        int lag = bestLag(expected, clip.channel(c));
        throw new AssertionError(fixture + " channel " + c + ": largest difference " + worst + "; best alignment at lag "
            + lag + " with " + maxDifference(expected, clip.channel(c), lag));
      }
    }
  }

  @Test
  void truncatedMp3IsAnErrorNamingTheFile() {
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decode("broken_mp3_truncated.mp3"));
    assertTrue(e.getMessage().startsWith("broken_mp3_truncated.mp3: truncated: the stream declares 0.800 s, only 0.3"),
        e.getMessage());
  }

  @Test
  void corruptOggIsAnErrorWithFfmpegsReason() {
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> decode("broken_ogg_corrupt.ogg"));
    assertEquals("broken_ogg_corrupt.ogg: cannot read the ogg header (FFmpeg: Invalid data found when processing"
        + " input (ogg: Header processing failed: Invalid data found when processing input))", e.getMessage());
  }

  @Test
  void streamDeclaringMoreThanTheLimitIsRefusedBeforeDecoding() {
    FfmpegDecoder halfSecond = new FfmpegDecoder(Duration.ofMillis(500));
    AudioDecodeException e = assertThrows(AudioDecodeException.class,
        () -> halfSecond.decode("long.ogg", AudioFixtures.bytes("vorbis_stereo_48000.ogg")));
    assertEquals("long.ogg: declares 0.8 s of audio, over the 0.5 s limit; refused before decoding", e.getMessage());
  }

  @Test
  void streamDecodingPastTheLimitStopsAtTheLimit() throws Exception {
    // the same MP3 twice: its Xing header declares 0.9 s, the frames run for 1.8 s
    byte[] once = AudioFixtures.bytes("mp3_mono_44100.mp3");
    byte[] twice = new byte[once.length * 2];
    System.arraycopy(once, 0, twice, 0, once.length);
    System.arraycopy(once, 0, twice, once.length, once.length);
    assertTrue(FfmpegDecoder.standard().decode("twice.mp3", twice).durationSeconds() > 1.7);
    AudioDecodeException e = assertThrows(AudioDecodeException.class,
        () -> new FfmpegDecoder(Duration.ofSeconds(1)).decode("twice.mp3", twice));
    assertEquals("twice.mp3: decodes to more than the 1.0 s limit (44100 frames at 44100 Hz); refused before"
        + " decoding the rest", e.getMessage());
  }

  @Test
  void unrecognisedContentIsItsOwnKindOfError() {
    byte[] noise = new byte[4000];
    new java.util.Random(7).nextBytes(noise);
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> FfmpegDecoder.standard().decode("n.bin", noise));
    assertInstanceOf(FfmpegDecoder.UnrecognisedFormatException.class, e);
    assertTrue(e.getMessage().startsWith("n.bin: not an audio file FFmpeg recognises"), e.getMessage());
  }

  @Test
  void concurrentDecodesGiveTheSameSamples() throws Exception {
    List<String> names = lossyFixtures().stream().map(Fixture::name).toList();
    List<AudioClip> expected = new ArrayList<>();
    for (String name : names) {
      expected.add(decode(name));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AudioClip>> results = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String name : names) {
          results.add(pool.submit(() -> decode(name)));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        AudioClip want = expected.get(i % names.size());
        AudioClip got = results.get(i).get(60, TimeUnit.SECONDS);
        for (int c = 0; c < want.channelCount(); c++) {
          assertArrayEquals(want.channel(c), got.channel(c), names.get(i % names.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyInputIsReleasedAfterSuccessAndFailure() {
    for (String name : List.of("aac_stereo_48000.m4a", "broken_mp3_truncated.mp3", "broken_ogg_corrupt.ogg")) {
      try {
        decode(name);
      } catch (AudioDecodeException expected) {
        // only the bookkeeping matters here
      }
    }
    assertEquals(0, InMemoryAvio.openCount());
  }

  /** A JVM where the natives cannot load (JavaCPP told to look for another platform's). */
  @Test
  void withoutTheNativesWavStillDecodesAndMp3SaysWhy() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.platform=linux-arm64",
        "-cp", System.getProperty("java.class.path") + File.pathSeparator + classesOf(FfmpegDecoderTest.class),
        NativesUnavailableCheck.class.getName(),
        AudioFixtures.path("pcm_s16_stereo_44100.wav").toString(), AudioFixtures.path("mp3_mono_44100.mp3").toString())
        .redirectErrorStream(true).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(out.contains("pcm_s16_stereo_44100.wav -> AudioClip[44100 Hz, 2 ch, 6615 frames]"), out);
    assertTrue(out.contains("mp3_mono_44100.mp3: cannot decode MP3: the FFmpeg native library could not be loaded"
        + " (java.lang.UnsatisfiedLinkError"), out);
    assertTrue(out.contains("only WAV and FLAC can be decoded"), out);
  }

  private static String classesOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static double maxDifference(float[] expected, float[] actual, int lag) {
    double worst = 0;
    for (int i = Math.max(0, -lag); i < expected.length && i + lag < actual.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i + lag]));
    }
    return worst;
  }

  private static int bestLag(float[] expected, float[] actual) {
    int best = 0;
    double bestDifference = Double.MAX_VALUE;
    for (int lag = -MAX_LAG; lag <= MAX_LAG; lag++) {
      double d = maxDifference(expected, actual, lag);
      if (d < bestDifference) {
        bestDifference = d;
        best = lag;
      }
    }
    return best;
  }
}
