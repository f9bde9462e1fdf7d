package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
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
 * For {@code --resume}: rows whose audio file exists and whose metadata row (from the previous
 * run's Parquet, moved aside by the driver) matches them are kept as they are ({@link #KEPT});
 * every other row goes on to be synthesised ({@link #REMAINING}).
 */
public final class SkipCompletedRows
    extends PTransform<PCollection<ManifestEntry>, PCollectionTuple> {
  public static final TupleTag<ManifestEntry> REMAINING = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> KEPT = new TupleTag<>() {};
  private static final TupleTag<ManifestEntry> ENTRY = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> PREVIOUS = new TupleTag<>() {};

  private final OutputLayout layout;
  private final String previousMetadataGlob;

  private SkipCompletedRows(OutputLayout layout, String previousMetadataGlob) {
    this.layout = layout;
    this.previousMetadataGlob = previousMetadataGlob;
  }

  /**
   * @param previousMetadataGlob the earlier run's metadata Parquet files
   */
  public static SkipCompletedRows using(OutputLayout layout, String previousMetadataGlob) {
    return new SkipCompletedRows(layout, previousMetadataGlob);
  }

  /** The earlier run's metadata rows, keyed by id. */
  static PCollection<KV<String, GenericRecord>> readPrevious(Pipeline pipeline, String previousMetadataGlob) {
    AvroCoder<GenericRecord> coder = AvroCoder.of(Schemas.metadataRow());
    return pipeline
        .apply(
            "MatchPreviousMetadata",
            FileIO.match()
                .filepattern(previousMetadataGlob)
                .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
        .apply("OpenPreviousMetadata", FileIO.readMatches())
        .apply("ReadPreviousMetadata", ParquetIO.readFiles(Schemas.metadataRow()))
        .setCoder(coder)
        .apply("KeyPreviousById", WithKeys.of((GenericRecord r) -> r.get("id").toString()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
  }

  /**
   * What must be equal for an earlier row to stand for a manifest row (besides its audio): text,
   * language, speaker id and sample, joined unambiguously.
   */
  static String rowKey(String text, String language, String speakerId, String speakerWav) {
    return text.length() + ":" + text + "|" + language + "|" + speakerId.length() + ":" + speakerId + "|" + speakerWav;
  }

  static String rowKey(ManifestEntry e) {
    return rowKey(e.text(), e.language(), e.speakerId(), e.speakerWav());
  }

  /** A 64-bit digest of {@link #rowKey}: what the manifest scan keeps per row instead of the row. */
  static long rowDigest(String rowKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(rowKey.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String rowKey(GenericRecord r) {
    return rowKey(String.valueOf(r.get("text")), String.valueOf(r.get("language")),
        String.valueOf(r.get("speaker_id")), String.valueOf(r.get("speaker_wav")));
  }

  /** Whether an earlier metadata row's audio file is still there and more than a WAV header. */
  static boolean audioExists(OutputLayout layout, GenericRecord r) throws IOException {
    String path = layout.resolve(String.valueOf(r.get("audio_filepath")));
    MatchResult match = FileSystems.match(List.of(path)).get(0);
    return match.status() == MatchResult.Status.OK
        && !match.metadata().isEmpty()
        && match.metadata().get(0).sizeBytes() > 44;
  }

  @Override
  public PCollectionTuple expand(PCollection<ManifestEntry> entries) {
    AvroCoder<GenericRecord> coder = AvroCoder.of(Schemas.metadataRow());
    PCollection<KV<String, GenericRecord>> previous = readPrevious(entries.getPipeline(), previousMetadataGlob);
    PCollection<KV<String, ManifestEntry>> current =
        entries
            .apply(
                "KeyRowsById",
                WithKeys.<String, ManifestEntry>of(ManifestEntry::id)
                    .withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class)));
    PCollectionTuple split =
        KeyedPCollectionTuple.of(ENTRY, current)
            .and(PREVIOUS, previous)
            .apply("JoinWithPreviousRun", CoGroupByKey.create())
            .apply(
                "KeepCompleted",
                ParDo.of(new KeepCompletedFn(layout))
                    .withOutputTags(REMAINING, TupleTagList.of(KEPT)));
    return PCollectionTuple.of(
            REMAINING, split.get(REMAINING).setCoder(SerializableCoder.of(ManifestEntry.class)))
        .and(KEPT, split.get(KEPT).setCoder(coder));
  }

  static final class KeepCompletedFn extends DoFn<KV<String, CoGbkResult>, ManifestEntry> {
    private final OutputLayout layout;
    private final Counter skipped = Metrics.counter(StageMetrics.NAMESPACE, "resume.skipped");
    private final Counter done = Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_OK);

    KeepCompletedFn(OutputLayout layout) {
      this.layout = layout;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, MultiOutputReceiver out)
        throws IOException {
      ManifestEntry entry = joined.getValue().getOnly(ENTRY, null);
      if (entry == null) {
        return; // a row of the earlier run that this manifest no longer has
      }
      for (GenericRecord previous : joined.getValue().getAll(PREVIOUS)) {
        if (rowKey(entry).equals(rowKey(previous)) && audioExists(layout, previous)) {
          skipped.inc();
          done.inc();
          out.get(KEPT).output(previous);
          return;
        }
      }
      out.get(REMAINING).output(entry);
    }
  }
}
