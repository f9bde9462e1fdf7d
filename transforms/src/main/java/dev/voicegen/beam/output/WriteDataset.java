package dev.voicegen.beam.output;

import dev.voicegen.audio.broadcast.OutputFinisher;
import dev.voicegen.audio.features.Mfcc;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.PartFiles;
import dev.voicegen.beam.common.ProgressCounters;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.beam.common.StatisticsLines;
import dev.voicegen.beam.common.TimingLog;
import dev.voicegen.beam.synthesis.GeneratedSpeech;
import dev.voicegen.beam.voice.VoiceSample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the dataset: audio files, partitioned metadata Parquet, errors Parquet,
 * {@code manifest.jsonl}, and the statistics the driver turns into {@code summary.json}.
 * Inputs: {@link #SPEECH}, {@link #FAILURES}, {@link #KEPT} (rows completed by an earlier run),
 * {@link #VOICES} (for per-sample timings) and {@link #ROWS_READ}.
 */
public final class WriteDataset extends PTransform<PCollectionTuple, PDone> {
  public static final TupleTag<GeneratedSpeech> SPEECH = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<KV<String, VoiceSample>> VOICES = new TupleTag<>() {};
  public static final TupleTag<Long> ROWS_READ = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> WRITTEN = new TupleTag<>() {};
  private static final TupleTag<FailedRow> WRITE_FAILED = new TupleTag<>() {};

  private final OutputLayout layout;
  private final String audioFormat;
  private final Finishing finishing;

  /**
   * How generated audio is finished before it is written.
   *
   * @param outputLufs loudness target of every output
   * @param mfcc MFCC coefficients to add as a metadata column, or null for none
   */
  public record Finishing(double outputLufs, Integer mfcc) implements java.io.Serializable {
    public static Finishing defaults() {
      return new Finishing(OutputFinisher.DEFAULT_LUFS, null);
    }
  }

  private WriteDataset(OutputLayout layout, String audioFormat, Finishing finishing) {
    this.layout = layout;
    this.audioFormat = audioFormat;
    this.finishing = finishing;
  }

  /**
   * @param audioFormat wav
   */
  public static WriteDataset to(OutputLayout layout, String audioFormat, Finishing finishing) {
    if (!"wav".equals(audioFormat)) {
      throw new IllegalArgumentException(
          "--audioFormat=" + audioFormat + " is not available in this build; use wav");
    }
    if (finishing.mfcc() != null && (finishing.mfcc() < 1 || finishing.mfcc() > 128)) {
      throw new IllegalArgumentException("--mfcc=" + finishing.mfcc() + ": use 1 to 128 coefficients");
    }
    if (finishing.outputLufs() > 0 || finishing.outputLufs() < -70) {
      throw new IllegalArgumentException("--outputLufs=" + finishing.outputLufs() + ": use -70 to 0 LUFS");
    }
    return new WriteDataset(layout, audioFormat, finishing);
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    AvroCoder<GenericRecord> metadataCoder = AvroCoder.of(Schemas.metadataRow());
    AvroCoder<GenericRecord> errorCoder = AvroCoder.of(Schemas.errorRow());

    PCollectionTuple written =
        input
            .get(SPEECH)
            .apply(
                "WriteAudio",
                ParDo.of(new WriteAudioFn(layout, audioFormat, finishing))
                    .withOutputTags(WRITTEN, TupleTagList.of(WRITE_FAILED)));
    PCollection<GenericRecord> fresh = written.get(WRITTEN).setCoder(metadataCoder);
    PCollection<GenericRecord> metadata =
        PCollectionList.of(fresh)
            .and(input.get(KEPT))
            .apply("AllMetadata", Flatten.pCollections());
    PCollection<FailedRow> failures =
        PCollectionList.of(input.get(FAILURES))
            .and(written.get(WRITE_FAILED).setCoder(SerializableCoder.of(FailedRow.class)))
            .apply("AllFailures", Flatten.pCollections());

    String temp = layout.resolve(OutputLayout.TEMP);
    metadata.apply(
        "WriteMetadata",
        PartFiles.into(
            layout.resolve(OutputLayout.METADATA),
            new PartitionFn(),
            ParquetIO.sink(Schemas.metadataRow()),
            ".parquet",
            temp + "/metadata"));

    failures
        .apply("ToErrorRecords", MapElements.via(new ToErrorRecord()))
        .setCoder(errorCoder)
        .apply(
            "WriteErrors",
            PartFiles.into(
                layout.resolve(OutputLayout.ERRORS),
                null,
                ParquetIO.sink(Schemas.errorRow()),
                ".parquet",
                temp + "/errors"));

    metadata
        .apply("ToNemoLines", MapElements.into(TypeDescriptors.strings()).via(NemoManifest::line))
        .setCoder(StringUtf8Coder.of())
        .apply(
            "WriteManifest",
            PartFiles.concatenatedInto(
                layout.resolve(OutputLayout.MANIFEST), TextIO.sink(), temp + "/manifest"));

    PCollection<String> stats =
        RunStatistics.lines(
            input.getPipeline(),
            input.get(ROWS_READ),
            metadata,
            fresh,
            failures,
            input.get(KEPT),
            input.get(VOICES));
    return StatisticsLines.write(stats, layout);
  }

  /** {@code language=<l>/speaker_id=<s>}: validated values, so safe as folder names. */
  static final class PartitionFn
      implements org.apache.beam.sdk.transforms.SerializableFunction<GenericRecord, String> {
    @Override
    public String apply(GenericRecord r) {
      return "language=" + r.get("language") + "/speaker_id=" + r.get("speaker_id");
    }
  }

  static final class ToErrorRecord
      extends org.apache.beam.sdk.transforms.SimpleFunction<FailedRow, GenericRecord> {
    private final org.apache.beam.sdk.metrics.Counter failed =
        org.apache.beam.sdk.metrics.Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_FAILED);

    @Override
    public GenericRecord apply(FailedRow f) {
      failed.inc();
      return f.toRecord();
    }
  }

  /** Post-processes one row's speech, writes its audio file and emits its metadata row. */
  static final class WriteAudioFn extends DoFn<GeneratedSpeech, GenericRecord> {
    private static final Logger LOG = LogManager.getLogger(WriteDataset.class);
    private final OutputLayout layout;
    private final String format;
    private final Finishing finishing;
    private final StageMetrics postprocessMetrics = new StageMetrics(Stage.POSTPROCESS);
    private final StageMetrics metrics = new StageMetrics(Stage.WRITE);
    private final org.apache.beam.sdk.metrics.Counter done =
        org.apache.beam.sdk.metrics.Metrics.counter(StageMetrics.NAMESPACE, ProgressCounters.ROWS_OK);

    WriteAudioFn(OutputLayout layout, String format, Finishing finishing) {
      this.layout = layout;
      this.format = format;
      this.finishing = finishing;
    }

    @ProcessElement
    public void process(@Element GeneratedSpeech speech, MultiOutputReceiver out) {
      if (speech.audio() == null) {
        // --dryRun (DescribeRows): the metadata row without audio; nothing to write
        done.inc();
        out.get(WRITTEN).output(MetadataRecords.dryRun(speech));
        return;
      }
      long start = System.nanoTime();
      var e = speech.entry();
      String relative = OutputLayout.audioPath(e.language(), e.speakerId(), e.id(), format);
      OutputFinisher.Finished finished;
      float[][] mfcc;
      try {
        finished = OutputFinisher.finish(speech.audio(), finishing.outputLufs());
        mfcc = finishing.mfcc() == null ? null : new Mfcc(finishing.mfcc()).compute(finished.audio());
      } catch (RuntimeException ex) {
        postprocessMetrics.failed(StageMetrics.since(start));
        LOG.error("Post-processing {} failed", e.id(), ex);
        out.get(WRITE_FAILED)
            .output(FailedRow.of(e, Stage.POSTPROCESS, ex.getClass().getSimpleName(), String.valueOf(ex.getMessage())));
        return;
      }
      double postprocessMs = StageMetrics.since(start);
      postprocessMetrics.ok(postprocessMs);
      start = System.nanoTime();
      try {
        byte[] bytes = WavWriter.toWav16(finished.audio());
        try (OutputStream os =
            Channels.newOutputStream(
                FileSystems.create(layout.file(relative), "audio/wav"))) {
          os.write(bytes);
        }
        double ms = StageMetrics.since(start);
        metrics.ok(ms);
        LOG.debug("Wrote {} ({} bytes) in {} ms", relative, bytes.length, ms);
        TimingLog.row(e.id(), speech.voice().timings(), speech.synthesizeMs(), postprocessMs, ms);
        done.inc();
        out.get(WRITTEN)
            .output(MetadataRecords.build(speech, finished, mfcc, relative, format, postprocessMs, ms));
      } catch (IOException | RuntimeException ex) {
        metrics.failed(StageMetrics.since(start));
        LOG.error("Writing {} failed", relative, ex);
        out.get(WRITE_FAILED)
            .output(
                FailedRow.of(
                    e, Stage.WRITE, ex.getClass().getSimpleName(), relative + ": " + ex.getMessage()));
      }
    }
  }
}
