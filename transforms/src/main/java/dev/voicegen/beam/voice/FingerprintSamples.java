package dev.voicegen.beam.voice;

import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.common.StageMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Hashes each distinct reference sample once, so that later stages process each distinct content
 * once however many rows and paths name it. Input: sample paths. Outputs each path's fingerprint
 * ({@link #PRINTS}: its content hash, or why it cannot be read) and one {@link VoiceSample} per
 * hash ({@link #SAMPLES}). {@link KeyRowsBySample} then keys the rows by these hashes.
 */
public final class FingerprintSamples extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<KV<String, Fingerprint>> PRINTS = new TupleTag<>() {};
  public static final TupleTag<KV<String, VoiceSample>> SAMPLES = new TupleTag<>() {};

  /** A sample's hash and size, or why it cannot be read. */
  public record Fingerprint(String sha256, long sizeBytes, StageFailure failure)
      implements Serializable {}

  public static FingerprintSamples create() {
    return new FingerprintSamples();
  }

  @Override
  public PCollectionTuple expand(PCollection<String> paths) {
    PCollection<KV<String, Fingerprint>> prints =
        paths
            .apply("Distinct", Distinct.create())
            .apply("HashSample", ParDo.of(new HashFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Fingerprint.class)));
    PCollection<KV<String, VoiceSample>> samples =
        prints
            .apply("HashAndPath", ParDo.of(new HashAndPathFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("GroupPathsByHash", GroupByKey.create())
            .apply("OneSamplePerHash", ParDo.of(new FirstPathFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(VoiceSample.class)));
    return PCollectionTuple.of(PRINTS, prints).and(SAMPLES, samples);
  }

  /** Streams a sample through SHA-256. */
  static final class HashFn extends DoFn<String, KV<String, Fingerprint>> {
    private final StageMetrics metrics = new StageMetrics(Stage.FINGERPRINT);

    @ProcessElement
    public void process(@Element String path, OutputReceiver<KV<String, Fingerprint>> out) {
      long start = System.nanoTime();
      try {
        MatchResult.Metadata metadata = SampleFiles.stat(path);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(SampleFiles.open(metadata), sha)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        metrics.ok(StageMetrics.since(start));
        String hash = HexFormat.of().formatHex(sha.digest());
        out.output(KV.of(path, new Fingerprint(hash, metadata.sizeBytes(), null)));
      } catch (IOException e) {
        metrics.failed(StageMetrics.since(start));
        StageFailure f = new StageFailure(Stage.DECODE, SampleFiles.errorClass(e), e.getMessage());
        out.output(KV.of(path, new Fingerprint(null, 0, f)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM has no SHA-256", e);
      }
    }
  }

  /** {@code hash -> path\nsize} of each readable sample. */
  static final class HashAndPathFn extends DoFn<KV<String, Fingerprint>, KV<String, String>> {
    @ProcessElement
    public void process(
        @Element KV<String, Fingerprint> print, OutputReceiver<KV<String, String>> out) {
      Fingerprint f = print.getValue();
      if (f.failure() == null) {
        out.output(KV.of(f.sha256(), print.getKey() + "\n" + f.sizeBytes()));
      }
    }
  }

  /** The first path (in sort order) stands for all files with this content. */
  static final class FirstPathFn extends DoFn<KV<String, Iterable<String>>, KV<String, VoiceSample>> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<String>> group, OutputReceiver<KV<String, VoiceSample>> out) {
      String first = null;
      for (String pathAndSize : group.getValue()) {
        if (first == null || pathAndSize.compareTo(first) < 0) {
          first = pathAndSize;
        }
      }
      int nl = first.lastIndexOf('\n');
      String path = first.substring(0, nl);
      long size = Long.parseLong(first.substring(nl + 1));
      out.output(KV.of(group.getKey(), VoiceSample.fingerprinted(group.getKey(), path, size)));
    }
  }
}
