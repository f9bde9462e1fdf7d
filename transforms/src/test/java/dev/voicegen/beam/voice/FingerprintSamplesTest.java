package dev.voicegen.beam.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.voice.FingerprintSamples.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fingerprint per distinct path, one sample per distinct content, unreadable paths as values. */
class FingerprintSamplesTest {
  @TempDir Path dir;

  @Test
  void eachContentIsOneSampleUnderItsFirstPathAndAMissingFileIsAFailure() throws Exception {
    byte[] voice = "RIFF-the-same-bytes".getBytes();
    // strings, not Paths: the PAssert checks are serialized with what they capture
    String b = Files.write(dir.resolve("b.wav"), voice).toString();
    String a = Files.write(dir.resolve("a.wav"), voice).toString();
    String c = Files.write(dir.resolve("c.wav"), "other bytes".getBytes()).toString();
    int size = voice.length;
    String missing = dir.resolve("missing.wav").toString();
    String same = sha256(voice);
    String other = sha256("other bytes".getBytes());

    Pipeline p = Pipeline.create();
    PCollectionTuple out =
        p.apply(
                Create.of(List.of(b, a, a, c, missing))
                    .withCoder(StringUtf8Coder.of()))
            .apply(FingerprintSamples.create());
    PAssert.that(out.get(FingerprintSamples.PRINTS))
        .satisfies(
            prints -> {
              Map<String, Fingerprint> byPath = new HashMap<>();
              prints.forEach(kv -> assertNull(byPath.put(kv.getKey(), kv.getValue()), "once per path"));
              assertEquals(4, byPath.size());
              assertEquals(new Fingerprint(same, size, null), byPath.get(a));
              assertEquals(new Fingerprint(same, size, null), byPath.get(b));
              assertEquals(other, byPath.get(c).sha256());
              Fingerprint gone = byPath.get(missing);
              assertNull(gone.sha256());
              assertNotNull(gone.failure());
              assertEquals(Stage.DECODE, gone.failure().stage());
              assertEquals("missing_file", gone.failure().errorClass());
              return null;
            });
    PAssert.that(out.get(FingerprintSamples.SAMPLES))
        .satisfies(
            samples -> {
              assertEquals(
                  Set.of(
                      // a.wav sorts before b.wav: it stands for both
                      KV.of(same, VoiceSample.fingerprinted(same, a, size)),
                      KV.of(other, VoiceSample.fingerprinted(other, c, 11))),
                  collect(samples));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static <T> Set<T> collect(Iterable<T> values) {
    Set<T> all = new HashSet<>();
    values.forEach(v -> assertTrue(all.add(v), "twice: " + v));
    return all;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
