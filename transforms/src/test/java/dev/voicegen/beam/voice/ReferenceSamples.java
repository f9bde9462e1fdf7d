package dev.voicegen.beam.voice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.voicegen.audio.AudioClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The real reference samples of ../shared/data/voices (LibriSpeech CC BY 4.0 and the degraded clips
 * made from them, see its README) as the voice stages receive them: fingerprinted, keyed by hash.
 */
public final class ReferenceSamples {
  /** Relative to the module folder, where surefire runs the tests. */
  public static final Path VOICES = Path.of("../../shared/data/voices").toAbsolutePath().normalize();

  private ReferenceSamples() {}

  public static Path voice(String name) {
    return VOICES.resolve(name);
  }

  /** A file as FingerprintSamples hands it on: its content hash and a sample not yet decoded. */
  public static KV<String, VoiceSample> fingerprinted(Path file) throws IOException {
    String sha = sha256(Files.readAllBytes(file));
    return KV.of(sha, VoiceSample.fingerprinted(sha, file.toString(), Files.size(file)));
  }

  /** A file of bytes that no audio decoder reads, with a .wav name. */
  public static Path corrupt(Path dir) throws IOException {
    return Files.write(dir.resolve("corrupt.wav"), "RIFF....WAVEnot really a wave file".getBytes());
  }

  /** DirectRunner on several threads, as jobs run. */
  public static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
  }

  public static PCollection<KV<String, VoiceSample>> create(
      Pipeline p, List<KV<String, VoiceSample>> samples) {
    return p.apply(
        "Samples",
        Create.of(samples)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(VoiceSample.class))));
  }

  /** A stage's output by sample hash; each hash must come out once. */
  public static Map<String, VoiceSample> byHash(Iterable<KV<String, VoiceSample>> out) {
    Map<String, VoiceSample> byHash = new HashMap<>();
    out.forEach(kv -> assertNull(byHash.put(kv.getKey(), kv.getValue()), "once: " + kv.getKey()));
    return byHash;
  }

  /** The same rate, channels and samples, bit for bit. */
  public static void assertSameAudio(AudioClip expected, AudioClip actual, String what) {
    assertEquals(expected.sampleRate(), actual.sampleRate(), what + ": rate");
    assertEquals(expected.channelCount(), actual.channelCount(), what + ": channels");
    for (int c = 0; c < expected.channelCount(); c++) {
      assertArrayEquals(expected.channel(c), actual.channel(c), what + ": channel " + c);
    }
  }

  /** Step descriptions without their elapsed time, which differs from run to run. */
  public static List<String> untimed(List<String> steps) {
    return steps.stream().map(s -> s.replaceAll(" \\([0-9.]+ ms\\)$", "")).toList();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
