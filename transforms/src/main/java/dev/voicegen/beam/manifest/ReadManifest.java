package dev.voicegen.beam.manifest;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.manifest.RawRow;
import dev.voicegen.manifest.RowRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The second pass over the manifest: once {@code signals} are complete (the duplicate check of
 * {@link ScanManifest} and whatever the caller names, such as the prepared samples), streams the
 * rows of the scanned files again, validates them and drops every row of a repeated id but the
 * first, and with --resume the rows the earlier run completed ({@link
 * ScanManifest#COMPLETED_ROWS}: their metadata rows come from the scan). Input: the tuple of {@link
 * ScanManifest}. Outputs {@link #ENTRIES} and {@link #FAILURES}.
 * Waiting means that no row is held while the samples are prepared: rows flow only when
 * everything they are joined with is ready.
 */
public final class ReadManifest extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<ManifestEntry> ENTRIES = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};

  /** Rows per bundle: enough that per-bundle costs vanish, few enough to hold several at once. */
  private static final int BATCH_ROWS = 5000;

  private final RowRules rules;
  private final List<PCollection<?>> signals;

  private ReadManifest(RowRules rules, List<PCollection<?>> signals) {
    this.rules = rules;
    this.signals = signals;
  }

  /**
   * Reads the rows when the scan's duplicate check and every one of {@code signals} are done, and
   * validates them with {@code rules} (those the scan used).
   */
  public static ReadManifest after(RowRules rules, PCollection<?>... signals) {
    return new ReadManifest(rules, List.of(signals));
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple scan) {
    PCollection<KV<String, String>> firstRows = scan.get(ScanManifest.FIRST_ROWS);
    PCollectionView<Map<String, String>> firstRowOfId =
        firstRows.apply("FirstRowOfRepeatedIds", View.asMap());
    List<PCollection<?>> all = new ArrayList<>(signals);
    all.add(firstRows);
    PCollection<RawRow> rows =
        scan.get(ScanManifest.FILES)
            .apply("WaitForSamples", Wait.on(all.toArray(PCollection<?>[]::new)))
            .apply("ReadRows", ParDo.of(new ReadRowsFn(BATCH_ROWS)))
            .setCoder(ListCoder.of(SerializableCoder.of(RawRow.class)))
            .apply("Unbatch", Flatten.iterables())
            .setCoder(SerializableCoder.of(RawRow.class));
    List<PCollectionView<?>> sideInputs = new ArrayList<>(List.of(firstRowOfId));
    PCollectionView<Map<String, long[]>> completed = null;
    if (scan.has(ScanManifest.COMPLETED_ROWS)) {
      completed = completedLines(scan.get(ScanManifest.COMPLETED_ROWS));
      sideInputs.add(completed);
    }
    PCollectionTuple validated =
        rows.apply(
            "ValidateRows",
            ParDo.of(new ValidateFn(rules, firstRowOfId, completed))
                .withSideInputs(sideInputs)
                .withOutputTags(ENTRIES, TupleTagList.of(FAILURES)));
    return PCollectionTuple.of(
            ENTRIES, validated.get(ENTRIES).setCoder(SerializableCoder.of(ManifestEntry.class)))
        .and(FAILURES, validated.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)));
  }

  /**
   * The lines of each file's completed rows, sorted: 8 bytes a row in a side input, instead of a
   * join that would group every row of the manifest by id.
   */
  private static PCollectionView<Map<String, long[]>> completedLines(PCollection<KV<String, Long>> rows) {
    return rows.apply("GroupCompletedLines", GroupByKey.create())
        .apply(
            "SortCompletedLines",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(long[].class)))
                .via(
                    (KV<String, Iterable<Long>> file) -> {
                      long[] lines =
                          StreamSupport.stream(file.getValue().spliterator(), false)
                              .mapToLong(Long::longValue)
                              .sorted()
                              .toArray();
                      return KV.of(file.getKey(), lines);
                    }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(long[].class)))
        .apply("CompletedLinesOfFile", View.asMap());
  }

  /**
   * Validates rows; of the rows of a repeated id only the first goes on, unless the earlier run
   * completed it.
   */
  static final class ValidateFn extends DoFn<RawRow, ManifestEntry> {
    private final StageMetrics metrics = new StageMetrics(Stage.MANIFEST);
    private final RowRules rules;
    private final PCollectionView<Map<String, String>> firstRowOfId;
    /** With --resume: the lines of the completed rows of each file; else null. */
    private final PCollectionView<Map<String, long[]>> completed;

    ValidateFn(
        RowRules rules,
        PCollectionView<Map<String, String>> firstRowOfId,
        PCollectionView<Map<String, long[]>> completed) {
      this.rules = rules;
      this.firstRowOfId = firstRowOfId;
      this.completed = completed;
    }

    @ProcessElement
    public void process(@Element RawRow row, ProcessContext c, MultiOutputReceiver out) {
      long start = System.nanoTime();
      String file = row.file();
      String id = usableId(row);
      String first = id == null ? null : c.sideInput(firstRowOfId).get(id);
      if (first != null && !first.equals(row.source())) {
        metrics.failed(StageMetrics.since(start));
        out.get(FAILURES)
            .output(
                new FailedRow(
                    null,
                    row.raw(),
                    row.source(),
                    Stage.MANIFEST,
                    "duplicate_id",
                    "duplicate id '" + id + "': first used at " + first + "; this row is dropped",
                    null,
                    null));
        return;
      }
      RowRules.Validated v = rules.validate(row, value -> resolveSample(file, value));
      if (v.entry() == null) {
        metrics.failed(StageMetrics.since(start));
        out.get(FAILURES)
            .output(FailedRow.rejected(row, id, v.rejection().errorClass(), v.rejection().message()));
        return;
      }
      metrics.ok(StageMetrics.since(start));
      if (completed != null) {
        long[] lines = c.sideInput(completed).get(file);
        if (lines != null && Arrays.binarySearch(lines, row.line()) >= 0) {
          return; // the earlier run's metadata row stands for it (ScanManifest.KEPT)
        }
      }
      out.get(ENTRIES).output(v.entry());
    }
  }

  /** The row's id when it is one that can name files, else null. */
  static String usableId(RawRow row) {
    if (row.fields() == null) {
      return null;
    }
    String id = row.fields().get("id");
    if (id == null) {
      return null;
    }
    id = id.strip();
    return RowRules.isValidId(id) ? id : null;
  }

  /** Resolves a sample path against the directory of the manifest that names it. */
  public static String resolveSample(String manifest, String value) {
    if (value.contains("://")) {
      return value;
    }
    if (value.startsWith("/")) {
      return Path.of(value).normalize().toString();
    }
    if (!manifest.contains("://")) {
      Path dir = Path.of(manifest).toAbsolutePath().getParent();
      return dir.resolve(value).normalize().toString();
    }
    ResourceId dir =
        org.apache.beam.sdk.io.FileSystems.matchNewResource(manifest, false).getCurrentDirectory();
    return dir.resolve(value, StandardResolveOptions.RESOLVE_FILE).toString();
  }
}
