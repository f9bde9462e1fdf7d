package dev.voicegen.beam.voice;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.manifest.ManifestEntry;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Keys each row by its sample's content hash ({@link #ROWS}), or fails it with its sample's
 * problem ({@link #FAILURES}). The fingerprints are a side input (one small entry per distinct
 * sample path), so rows stream through and are never grouped.
 */
public final class KeyRowsBySample extends PTransform<PCollection<ManifestEntry>, PCollectionTuple> {
  public static final TupleTag<KV<String, ManifestEntry>> ROWS = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};

  private final PCollection<KV<String, FingerprintSamples.Fingerprint>> prints;

  private KeyRowsBySample(PCollection<KV<String, FingerprintSamples.Fingerprint>> prints) {
    this.prints = prints;
  }

  /** @param prints {@link FingerprintSamples#PRINTS} */
  public static KeyRowsBySample using(PCollection<KV<String, FingerprintSamples.Fingerprint>> prints) {
    return new KeyRowsBySample(prints);
  }

  @Override
  public PCollectionTuple expand(PCollection<ManifestEntry> entries) {
    PCollectionView<Map<String, FingerprintSamples.Fingerprint>> byPath =
        prints.apply("FingerprintsByPath", View.asMap());
    PCollectionTuple routed =
        entries.apply(
            "RouteByHash",
            ParDo.of(new RouteFn(byPath))
                .withSideInputs(byPath)
                .withOutputTags(ROWS, TupleTagList.of(FAILURES)));
    return PCollectionTuple.of(
            ROWS,
            routed
                .get(ROWS)
                .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class))))
        .and(FAILURES, routed.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)));
  }

  static final class RouteFn extends DoFn<ManifestEntry, KV<String, ManifestEntry>> {
    private final PCollectionView<Map<String, FingerprintSamples.Fingerprint>> byPath;

    RouteFn(PCollectionView<Map<String, FingerprintSamples.Fingerprint>> byPath) {
      this.byPath = byPath;
    }

    @ProcessElement
    public void process(@Element ManifestEntry entry, ProcessContext c, MultiOutputReceiver out) {
      FingerprintSamples.Fingerprint print = c.sideInput(byPath).get(entry.speakerWav());
      if (print == null) {
        // the scan saw this row's sample: only a manifest changed between the passes gets here
        out.get(FAILURES)
            .output(
                FailedRow.of(
                    entry, Stage.MANIFEST, "manifest_changed", "the manifest changed while the job read it"));
      } else if (print.failure() != null) {
        StageFailure f = print.failure();
        out.get(FAILURES).output(FailedRow.of(entry, f.stage(), f.errorClass(), f.message()));
      } else {
        out.get(ROWS).output(KV.of(print.sha256(), entry));
      }
    }
  }
}
