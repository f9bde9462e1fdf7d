package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.manifest.ManifestParser;
import dev.voicegen.manifest.RawRow;
import dev.voicegen.manifest.RowRules;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads manifest rows from a file or glob (CSV, JSON Lines, Parquet), validates them and removes
 * duplicate ids. Outputs {@link #ENTRIES}, {@link #FAILURES} and {@link #ROWS_READ} (one count).
 */
public final class ReadManifest extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<ManifestEntry> ENTRIES = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};
  public static final TupleTag<Long> ROWS_READ = new TupleTag<>() {};

  private static final TupleTag<KV<String, IdentifiedRow>> IDENTIFIED = new TupleTag<>() {};

  private final String filepattern;

  private ReadManifest(String filepattern) {
    this.filepattern = filepattern;
  }

  public static ReadManifest from(String filepattern) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException("--manifest is required");
    }
    return new ReadManifest(filepattern);
  }

  /**
   * A row with a usable id, valid or not: ids are unique across both, the first row wins.
   *
   * @param entry the valid row, or null
   * @param failure the rejection, or null
   * @param file the manifest file, for ordering
   * @param line the row number, for ordering
   */
  record IdentifiedRow(ManifestEntry entry, FailedRow failure, String file, long line, String raw)
      implements Serializable {}

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollection<RawRow> raw =
        input
            .apply(
                "MatchManifest",
                FileIO.match()
                    .filepattern(filepattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("OpenManifest", FileIO.readMatches())
            .apply("ParseRows", ParDo.of(new ParseFileFn()))
            .setCoder(SerializableCoder.of(RawRow.class));

    PCollectionTuple validated =
        raw.apply(
            "ValidateRows",
            ParDo.of(new ValidateFn()).withOutputTags(IDENTIFIED, TupleTagList.of(FAILURES)));
    PCollectionTuple unique =
        validated
            .get(IDENTIFIED)
            .setCoder(
                KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(IdentifiedRow.class)))
            .apply("GroupById", GroupByKey.create())
            .apply(
                "RejectDuplicateIds",
                ParDo.of(new FirstRowWinsFn()).withOutputTags(ENTRIES, TupleTagList.of(FAILURES)));

    PCollection<FailedRow> failures =
        org.apache.beam.sdk.values.PCollectionList.of(
                validated.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)))
            .and(unique.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class)))
            .apply("AllManifestFailures", org.apache.beam.sdk.transforms.Flatten.pCollections());
    return PCollectionTuple.of(
            ENTRIES, unique.get(ENTRIES).setCoder(SerializableCoder.of(ManifestEntry.class)))
        .and(FAILURES, failures)
        .and(ROWS_READ, raw.apply("CountRows", Count.globally()));
  }

  /** Parses one manifest file into raw rows whose sample paths resolve against its folder. */
  static final class ParseFileFn extends DoFn<FileIO.ReadableFile, RawRow> {
    private final org.apache.beam.sdk.metrics.Counter rows =
        org.apache.beam.sdk.metrics.Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_READ);

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawRow> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      ManifestParser.parse(
          name,
          file::openSeekable,
          row -> {
            rows.inc();
            out.output(row);
          });
    }
  }

  /** Validates rows; those with a usable id go on to the duplicate check. */
  static final class ValidateFn extends DoFn<RawRow, KV<String, IdentifiedRow>> {
    private final StageMetrics metrics = new StageMetrics(Stage.MANIFEST);

    @ProcessElement
    public void process(@Element RawRow row, MultiOutputReceiver out) {
      long start = System.nanoTime();
      String file = row.source().substring(0, row.source().lastIndexOf(':'));
      long line = Long.parseLong(row.source().substring(row.source().lastIndexOf(':') + 1));
      RowRules.Validated v = RowRules.validate(row, value -> resolveSample(file, value));
      String id = usableId(row);
      if (id == null) {
        metrics.failed(StageMetrics.since(start));
        out.get(FAILURES)
            .output(
                FailedRow.rejected(
                    row, null, v.rejection().errorClass(), v.rejection().message()));
        return;
      }
      FailedRow failure =
          v.entry() == null
              ? FailedRow.rejected(row, id, v.rejection().errorClass(), v.rejection().message())
              : null;
      out.get(IDENTIFIED).output(KV.of(id, new IdentifiedRow(v.entry(), failure, file, line, row.raw())));
    }

    private static String usableId(RawRow row) {
      if (row.fields() == null) {
        return null;
      }
      String id = row.fields().get("id");
      if (id == null) {
        return null;
      }
      id = id.strip();
      return RowRules.ID_PATTERN.matcher(id).matches() ? id : null;
    }
  }

  /** Resolves a sample path against the directory of the manifest that names it. */
  static String resolveSample(String manifest, String value) {
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

  /** Keeps the first row of an id in manifest order; later rows become duplicate failures. */
  static final class FirstRowWinsFn extends DoFn<KV<String, Iterable<IdentifiedRow>>, ManifestEntry> {
    private final StageMetrics metrics = new StageMetrics(Stage.MANIFEST);

    @ProcessElement
    public void process(@Element KV<String, Iterable<IdentifiedRow>> group, MultiOutputReceiver out) {
      List<IdentifiedRow> rows = new ArrayList<>();
      group.getValue().forEach(rows::add);
      rows.sort(Comparator.comparing(IdentifiedRow::file).thenComparingLong(IdentifiedRow::line));
      IdentifiedRow first = rows.get(0);
      if (first.entry() != null) {
        metrics.ok(0);
        out.get(ENTRIES).output(first.entry());
      } else {
        metrics.failed(0);
        out.get(FAILURES).output(first.failure());
      }
      for (IdentifiedRow dup : rows.subList(1, rows.size())) {
        metrics.failed(0);
        out.get(FAILURES)
            .output(
                new FailedRow(
                    null,
                    dup.raw(),
                    dup.file() + ":" + dup.line(),
                    Stage.MANIFEST,
                    "duplicate_id",
                    "duplicate id '" + group.getKey() + "': first used at " + first.file() + ":"
                        + first.line() + "; this row is dropped",
                    null,
                    null));
      }
    }
  }
}
