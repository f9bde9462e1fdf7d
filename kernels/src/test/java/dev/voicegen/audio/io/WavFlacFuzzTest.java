package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.voicegen.audio.AudioClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer fuzz tests of the pure-Java WAV and FLAC readers (FFmpeg is kept out: it is not ours to fuzz).
 *
 * <p>The only acceptable failure is {@link AudioDecodeException}; any other exception, an
 * OutOfMemoryError from an absurd header, a StackOverflowError or a hang (the timeout) is a finding.
 *
 * <p>{@code mvn test} runs both in regression mode: once on each committed fixture of the format,
 * plus every input under {@code audio-io/fuzz-findings/<method>/} (inputs that once broke a reader).
 * {@code bin/fuzz} runs them in fuzzing mode, where the same inputs seed the corpus.
 */
class WavFlacFuzzTest {
  static {
    if (System.getenv("JAZZER_FUZZ") == null && System.getProperty("JAZZER_FUZZ") == null) {
      // regression mode: skip Jazzer's security hooks, whose class path scan costs ~15 s per JVM here
      System.setProperty("jazzer.hooks", "false");
    }
  }

  @MethodSource("wavSeeds")
  @FuzzTest(maxDuration = "")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void wavReaderFailsOnlyWithDecodeErrors(byte[] data) {
    decodeWavOrFlac("fuzz.wav", data);
  }

  @MethodSource("flacSeeds")
  @FuzzTest(maxDuration = "")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void flacReaderFailsOnlyWithDecodeErrors(byte[] data) {
    decodeWavOrFlac("fuzz.flac", data);
  }

  private static void decodeWavOrFlac(String source, byte[] data) {
    try {
      AudioClip clip = AudioDecoder.decodeWavOrFlac(source, data);
      assertTrue(clip.sampleRate() > 0 && clip.channelCount() > 0 && clip.frames() > 0, clip::toString);
    } catch (AudioDecodeException expected) {
      assertTrue(expected.getMessage().startsWith(source + ": "), expected::getMessage); // names the file
    }
  }

  static Stream<Arguments> wavSeeds() {
    return seeds(".wav", "wavReaderFailsOnlyWithDecodeErrors");
  }

  static Stream<Arguments> flacSeeds() {
    return seeds(".flac", "flacReaderFailsOnlyWithDecodeErrors");
  }

  /** The fixtures of one format, then the saved findings of one fuzz test. */
  private static Stream<Arguments> seeds(String extension, String method) {
    List<String> fixtures = AudioFixtures.manifest().stream()
        .map(AudioFixtures.Fixture::name)
        .filter(name -> name.endsWith(extension))
        .toList();
    Stream<Arguments> fromFixtures = fixtures.stream().map(name -> Arguments.of(Named.of(name, AudioFixtures.bytes(name))));
    return Stream.concat(fromFixtures, findings(method));
  }

  private static Stream<Arguments> findings(String method) {
    Path dir = AudioFixtures.path("fuzz-findings").resolve(method);
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted()
          .map(file -> Arguments.of(Named.of("fuzz-findings/" + file.getFileName(), read(file))))
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
