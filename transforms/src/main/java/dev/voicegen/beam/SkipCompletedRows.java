package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * For {@code --resume}: drops the manifest rows that {@link ScanManifest#resuming} found completed
 * by the earlier run (their metadata rows come from the scan, {@link ScanManifest#KEPT}); the rest
 * go on to be synthesised. The join carries ids only: the earlier metadata and its audio files are
 * read and probed once, by the scan.
 */
public final class SkipCompletedRows
    extends PTransform<PCollection<ManifestEntry>, PCollection<ManifestEntry>> {
  private static final TupleTag<ManifestEntry> ENTRY = new TupleTag<>() {};
  private static final TupleTag<Boolean> COMPLETED = new TupleTag<>() {};

  private final PCollection<String> completedIds;

  private SkipCompletedRows(PCollection<String> completedIds) {
    this.completedIds = completedIds;
  }

  /** @param completedIds {@link ScanManifest#COMPLETED_IDS} */
  public static SkipCompletedRows of(PCollection<String> completedIds) {
    return new SkipCompletedRows(completedIds);
  }

  @Override
  public PCollection<ManifestEntry> expand(PCollection<ManifestEntry> entries) {
    PCollection<KV<String, ManifestEntry>> current =
        entries
            .apply(
                "KeyRowsById",
                WithKeys.<String, ManifestEntry>of(ManifestEntry::id)
                    .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class)));
    PCollection<KV<String, Boolean>> completed =
        completedIds
            .apply(
                "KeyCompletedIds",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.booleans()))
                    .via((String id) -> KV.of(id, true)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), BooleanCoder.of()));
    return KeyedPCollectionTuple.of(ENTRY, current)
        .and(COMPLETED, completed)
        .apply("JoinWithCompletedIds", CoGroupByKey.create())
        .apply("DropCompleted", ParDo.of(new DropCompletedFn()))
        .setCoder(SerializableCoder.of(ManifestEntry.class));
  }

  static final class DropCompletedFn extends DoFn<KV<String, CoGbkResult>, ManifestEntry> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<ManifestEntry> out) {
      if (joined.getValue().getAll(COMPLETED).iterator().hasNext()) {
        return; // the scan kept the earlier run's row for it
      }
      for (ManifestEntry entry : joined.getValue().getAll(ENTRY)) {
        out.output(entry);
      }
    }
  }
}
