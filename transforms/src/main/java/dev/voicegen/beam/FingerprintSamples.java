package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
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
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Hashes each distinct reference sample once, so that later stages process each distinct content
 * once however many rows and paths name it. Outputs rows keyed by content hash ({@link #ROWS}), one
 * {@link VoiceSample} per hash ({@link #SAMPLES}), and rows whose sample cannot be read.
 */
public final class FingerprintSamples
    extends PTransform<PCollection<ManifestEntry>, PCollectionTuple> {
  public static final TupleTag<KV<String, ManifestEntry>> ROWS = new TupleTag<>() {};
  public static final TupleTag<KV<String, VoiceSample>> SAMPLES = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};

  private static final TupleTag<ManifestEntry> ENTRY = new TupleTag<>() {};
  private static final TupleTag<Fingerprint> PRINT = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> HASH_PATH = new TupleTag<>() {};

  /** A sample's hash and size, or why it cannot be read. */
  record Fingerprint(String sha256, long sizeBytes, StageFailure failure) implements Serializable {}

  public static FingerprintSamples create() {
    return new FingerprintSamples();
  }

  @Override
  public PCollectionTuple expand(PCollection<ManifestEntry> entries) {
    PCollection<KV<String, ManifestEntry>> byPath =
        entries
            .apply("KeyByPath", WithKeys.of(ManifestEntry::speakerWav))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class)));
    PCollection<KV<String, Fingerprint>> prints =
        byPath
            .apply(
                "DistinctPaths",
                MapElements.into(TypeDescriptors.strings()).via((KV<String, ManifestEntry> kv) -> kv.getKey()))
            .apply("Distinct", Distinct.create())
            .apply("HashSample", ParDo.of(new HashFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Fingerprint.class)));

    PCollectionTuple joined =
        KeyedPCollectionTuple.of(ENTRY, byPath)
            .and(PRINT, prints)
            .apply("JoinRowsToHashes", CoGroupByKey.create())
            .apply(
                "RouteByHash",
                ParDo.of(new RouteFn())
                    .withOutputTags(ROWS, TupleTagList.of(HASH_PATH).and(FAILURES)));

    PCollection<KV<String, VoiceSample>> samples =
        joined
            .get(HASH_PATH)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("GroupPathsByHash", GroupByKey.create())
            .apply("OneSamplePerHash", ParDo.of(new FirstPathFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(VoiceSample.class)));

    return PCollectionTuple.of(
            ROWS,
            joined
                .get(ROWS)
                .setCoder(
                    KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class))))
        .and(SAMPLES, samples)
        .and(FAILURES, joined.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)));
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

  /** Keys each row by its sample's hash, or fails it with the sample's problem. */
  static final class RouteFn extends DoFn<KV<String, CoGbkResult>, KV<String, ManifestEntry>> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out) {
      Fingerprint print = joined.getValue().getOnly(PRINT);
      for (ManifestEntry entry : joined.getValue().getAll(ENTRY)) {
        if (print.failure() != null) {
          StageFailure f = print.failure();
          out.get(FAILURES).output(FailedRow.of(entry, f.stage(), f.errorClass(), f.message()));
        } else {
          out.get(ROWS).output(KV.of(print.sha256(), entry));
        }
      }
      if (print.failure() == null) {
        out.get(HASH_PATH).output(KV.of(print.sha256(), joined.getKey() + "\n" + print.sizeBytes()));
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
