package dev.voicegen.beam.manifest;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.ProgressCounters;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.manifest.ManifestParser;
import dev.voicegen.manifest.RawRow;
import dev.voicegen.manifest.ReadPosition;
import dev.voicegen.manifest.RowRules;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The first of the two passes over the manifest: streams each file once and keeps of each row
 * only its id, line and sample, never the row. Outputs the matched {@link #FILES} (read again by
 * {@link ReadManifest}), {@link #FIRST_ROWS} (for each id that more than one row uses, the source
 * of the first row in manifest order, which wins), the distinct {@link #SAMPLE_PATHS} of the
 * winning valid rows, and {@link #ROWS_READ}; {@link #resuming} adds {@link #KEPT} and {@link
 * #COMPLETED_ROWS}.
 */
public final class ScanManifest extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<FileIO.ReadableFile> FILES = new TupleTag<>() {};
  public static final TupleTag<KV<String, String>> FIRST_ROWS = new TupleTag<>() {};
  public static final TupleTag<String> SAMPLE_PATHS = new TupleTag<>() {};
  public static final TupleTag<Long> ROWS_READ = new TupleTag<>() {};
  /** With --resume: the earlier run's metadata rows that stand for winning rows of this manifest. */
  public static final TupleTag<GenericRecord> KEPT = new TupleTag<>() {};
  /** With --resume: where those rows are (file, line), which {@link ReadManifest} drops. */
  public static final TupleTag<KV<String, Long>> COMPLETED_ROWS = new TupleTag<>() {};

  private static final TupleTag<KV<Integer, IdChunk>> IDS = new TupleTag<>() {};
  /** Ids are spread over this many groups, so that the duplicate check can run in parallel. */
  private static final int ID_GROUPS = 16;

  private final String filepattern;
  private final RowRules rules;
  private final OutputLayout resumeLayout;
  private final String previousMetadataGlob;
  private static final TupleTag<KV<String, FirstRow>> FIRST_SAMPLES = new TupleTag<>() {};
  private static final TupleTag<FirstRow> FIRST_ROW_OF_ID = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> PREVIOUS = new TupleTag<>() {};

  private ScanManifest(
      String filepattern, RowRules rules, OutputLayout resumeLayout, String previousMetadataGlob) {
    this.rules = rules;
    this.resumeLayout = resumeLayout;
    this.previousMetadataGlob = previousMetadataGlob;
    this.filepattern = filepattern;
  }

  /** Scans the files of {@code filepattern}; a row that {@code rules} refuse prepares no sample. */
  public static ScanManifest from(String filepattern, RowRules rules) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException("--manifest is required");
    }
    return new ScanManifest(filepattern, rules, null, null);
  }

  /**
   * For {@code --resume}: each id's winning row is compared with the earlier run's metadata row of
   * the id ({@link PreviousRun}: same text, language, speaker and sample, audio still there). Those
   * that stand completed go out as {@link #KEPT} and {@link #COMPLETED_ROWS}, and {@link
   * #SAMPLE_PATHS} leaves out the samples only they use, so that these are not decoded and prepared
   * again. The earlier metadata is read, and each audio file probed, here only.
   */
  public ScanManifest resuming(OutputLayout layout, String previousMetadataGlob) {
    return new ScanManifest(filepattern, rules, layout, previousMetadataGlob);
  }

  /**
   * The rows of one file whose ids fall into one group, first row of each id within the file.
   * Samples are shared strings, so that Java serialization writes each once.
   *
   * @param samples each row's resolved sample when the row is valid, else null
   * @param repeated whether a later row of the file uses the id too
   * @param digests each valid row's {@link PreviousRun#rowDigest}, for --resume
   */
  record IdChunk(String file, String[] ids, long[] lines, String[] samples, boolean[] repeated, long[] digests)
      implements Serializable {}

  /** With --resume: an id's winning valid row, where it is, and its {@link PreviousRun#rowDigest}. */
  record FirstRow(String sample, long digest, String file, long line) implements Serializable {}

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollection<FileIO.ReadableFile> files =
        input
            .apply(
                "MatchManifest",
                FileIO.match()
                    .filepattern(filepattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("OpenManifest", FileIO.readMatches());
    PCollectionTuple scanned =
        files.apply(
            "ScanRows",
            ParDo.of(new ScanFileFn(rules, previousMetadataGlob != null)).withOutputTags(IDS, TupleTagList.of(ROWS_READ)));
    PCollectionTuple firstRows =
        scanned
            .get(IDS)
            .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(IdChunk.class)))
            .apply("GroupIds", GroupByKey.create())
            .apply(
                "FirstRowWins",
                ParDo.of(new FirstRowFn(previousMetadataGlob != null))
                    .withOutputTags(FIRST_ROWS, TupleTagList.of(SAMPLE_PATHS).and(FIRST_SAMPLES)));
    PCollectionTuple resumed =
        previousMetadataGlob == null ? null : compareWithPreviousRun(input, firstRows.get(FIRST_SAMPLES));
    PCollection<String> samplePaths =
        resumed == null
            ? firstRows.get(SAMPLE_PATHS).setCoder(StringUtf8Coder.of())
            : resumed.get(SAMPLE_PATHS).setCoder(StringUtf8Coder.of());
    PCollectionTuple out = PCollectionTuple.of(FILES, files)
        .and(
            FIRST_ROWS,
            firstRows.get(FIRST_ROWS).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .and(
            SAMPLE_PATHS,
            samplePaths.apply("DistinctSamples", Distinct.create()))
        .and(
            ROWS_READ,
            scanned.get(ROWS_READ).setCoder(VarLongCoder.of()).apply("SumRows", Sum.longsGlobally()));
    if (resumed != null) {
      out =
          out.and(KEPT, resumed.get(KEPT).setCoder(AvroCoder.of(Schemas.metadataRow())))
              .and(
                  COMPLETED_ROWS,
                  resumed.get(COMPLETED_ROWS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    }
    return out;
  }

  /** Winning rows against the earlier run's: samples still needed, rows kept, where they are. */
  private PCollectionTuple compareWithPreviousRun(
      PBegin input, PCollection<KV<String, FirstRow>> firstSamples) {
    PCollection<KV<String, FirstRow>> current =
        firstSamples.setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FirstRow.class)));
    PCollection<KV<String, GenericRecord>> previous = PreviousRun.read(input.getPipeline(), previousMetadataGlob);
    return KeyedPCollectionTuple.of(FIRST_ROW_OF_ID, current)
        .and(PREVIOUS, previous)
        .apply("JoinWithPreviousRun", CoGroupByKey.create())
        .apply(
            "KeepCompleted",
            ParDo.of(new KeepCompletedFn(resumeLayout))
                .withOutputTags(SAMPLE_PATHS, TupleTagList.of(KEPT).and(COMPLETED_ROWS)));
  }

  /**
   * A winning row the earlier run completed: its metadata row is kept and its place reported;
   * otherwise its sample is still needed.
   */
  static final class KeepCompletedFn extends DoFn<KV<String, CoGbkResult>, String> {
    private final OutputLayout layout;
    private final Counter skipped = Metrics.counter(StageMetrics.NAMESPACE, "resume.skipped");
    private final Counter audioProbes = Metrics.counter(StageMetrics.NAMESPACE, "resume.audio_probes");
    private final Counter done = Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_OK);

    KeepCompletedFn(OutputLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out)
        throws IOException {
      FirstRow first = joined.getValue().getOnly(FIRST_ROW_OF_ID, null);
      if (first == null) {
        return; // an id of the earlier run only
      }
      for (GenericRecord previous : joined.getValue().getAll(PREVIOUS)) {
        if (PreviousRun.rowDigest(previous) != first.digest()) {
          continue;
        }
        audioProbes.inc();
        if (PreviousRun.audioExists(layout, previous)) {
          skipped.inc();
          done.inc();
          out.get(KEPT).output(previous);
          out.get(COMPLETED_ROWS).output(KV.of(first.file(), first.line()));
          return;
        }
      }
      out.get(SAMPLE_PATHS).output(first.sample());
    }
  }

  /** Reads one file and keeps, per id group, the first row of each usable id in the file. */
  static final class ScanFileFn extends DoFn<FileIO.ReadableFile, KV<Integer, IdChunk>> {
    private final Counter rowsRead = Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_READ);
    /** Whether rows get a digest (only --resume compares rows with the earlier run's). */
    private final boolean digests;
    private final RowRules rules;

    ScanFileFn(RowRules rules, boolean digests) {
      this.rules = rules;
      this.digests = digests;
    }

    /** The first row of an id in the file, and whether another row uses it. */
    private static final class Seen {
      final long line;
      final String sample;
      final long digest;
      boolean repeated;

      Seen(long line, String sample, long digest) {
        this.line = line;
        this.sample = sample;
        this.digest = digest;
      }
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      List<Map<String, Seen>> groups = new ArrayList<>();
      for (int g = 0; g < ID_GROUPS; g++) {
        groups.add(new LinkedHashMap<>());
      }
      Map<String, String> samples = new HashMap<>();
      long rows = 0;
      try (ManifestParser.RowReader reader =
          ManifestParser.open(name, file::openSeekable, ReadPosition.START)) {
        RawRow row;
        while ((row = reader.next()) != null) {
          rows++;
          rowsRead.inc();
          String id = ReadManifest.usableId(row);
          if (id == null) {
            continue;
          }
          long line = row.line();
          RowRules.Validated v = rules.validate(row, value -> ReadManifest.resolveSample(name, value));
          String sample =
              v.entry() == null ? null : samples.computeIfAbsent(v.entry().speakerWav(), s -> s);
          long digest =
              v.entry() == null || !digests ? 0 : PreviousRun.rowDigest(v.entry());
          Seen earlier =
              groups.get(Math.floorMod(id.hashCode(), ID_GROUPS)).putIfAbsent(id, new Seen(line, sample, digest));
          if (earlier != null) {
            earlier.repeated = true;
          }
        }
      }
      for (int g = 0; g < ID_GROUPS; g++) {
        Map<String, Seen> group = groups.get(g);
        String[] ids = new String[group.size()];
        long[] lines = new long[group.size()];
        String[] paths = new String[group.size()];
        boolean[] repeated = new boolean[group.size()];
        long[] rowDigests = new long[group.size()];
        int i = 0;
        for (Map.Entry<String, Seen> e : group.entrySet()) {
          ids[i] = e.getKey();
          lines[i] = e.getValue().line;
          repeated[i] = e.getValue().repeated;
          rowDigests[i] = e.getValue().digest;
          paths[i++] = e.getValue().sample;
        }
        groups.set(g, null);
        out.get(IDS).output(KV.of(g, new IdChunk(name, ids, lines, paths, repeated, rowDigests)));
      }
      out.get(ROWS_READ).output(rows);
    }
  }

  /** Finds each id's first row across files: ids used more than once, and first valid samples. */
  static final class FirstRowFn extends DoFn<KV<Integer, Iterable<IdChunk>>, KV<String, String>> {
    /** With --resume: each first valid row's sample and digest go to FIRST_SAMPLES instead. */
    private final boolean resuming;

    FirstRowFn(boolean resuming) {
      this.resuming = resuming;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<IdChunk>> group, MultiOutputReceiver out) {
      List<IdChunk> chunks = new ArrayList<>();
      group.getValue().forEach(chunks::add);
      chunks.sort(Comparator.comparing(IdChunk::file)); // files in name order, as manifest order
      Map<String, Integer> count = new HashMap<>();
      for (IdChunk c : chunks) {
        for (int i = 0; i < c.ids().length; i++) {
          count.merge(c.ids()[i], c.repeated()[i] ? 2 : 1, Integer::sum);
        }
      }
      Set<String> done = new HashSet<>();
      Set<String> samples = new HashSet<>();
      for (IdChunk c : chunks) {
        for (int i = 0; i < c.ids().length; i++) {
          String id = c.ids()[i];
          if (!done.add(id)) {
            continue; // a later file's row of an id already placed
          }
          if (count.get(id) > 1) {
            out.get(FIRST_ROWS).output(KV.of(id, c.file() + ":" + c.lines()[i]));
          }
          if (c.samples()[i] == null) {
            continue;
          }
          if (resuming) {
            out.get(FIRST_SAMPLES)
                .output(KV.of(id, new FirstRow(c.samples()[i], c.digests()[i], c.file(), c.lines()[i])));
          } else if (samples.add(c.samples()[i])) {
            out.get(SAMPLE_PATHS).output(c.samples()[i]);
          }
        }
      }
    }
  }
}
