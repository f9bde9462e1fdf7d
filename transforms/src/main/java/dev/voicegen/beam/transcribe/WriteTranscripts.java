package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.common.StatisticsLines;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Writes {@code transcripts/folder_name=<parent>/part-*.parquet}, {@code errors/part-*.parquet}
 * and the statistics the driver turns into summary.json. Inputs: {@link TranscribeAudio#TRANSCRIPTS},
 * {@link TranscribeAudio#FAILURES} and {@link #FILES_IN} (the number of matched files).
 */
public final class WriteTranscripts extends PTransform<PCollectionTuple, PDone> {
  public static final String TRANSCRIPTS = "transcripts";
  public static final TupleTag<Long> FILES_IN = new TupleTag<>() {};

  private final OutputLayout layout;

  public WriteTranscripts(OutputLayout layout) {
    this.layout = layout;
  }

  @Override
  public PDone expand(PCollectionTuple input) {
    var transcripts = input.get(TranscribeAudio.TRANSCRIPTS);
    var failures = input.get(TranscribeAudio.FAILURES);
    transcripts.apply(
        "WriteTranscriptRows",
        FileIO.<String, GenericRecord>writeDynamic()
            .by(new PartitionFn())
            .withDestinationCoder(StringUtf8Coder.of())
            .via(ParquetIO.sink(Schemas.transcriptRow()))
            .to(layout.resolve(TRANSCRIPTS))
            .withNaming(dest -> FileIO.Write.defaultNaming(dest + "/part", ".parquet"))
            .withTempDirectory(layout.resolve(OutputLayout.TEMP)));
    failures
        .apply(
            "ToErrorRecords",
            MapElements.into(TypeDescriptor.of(GenericRecord.class)).via(TranscribeFailure::toRecord))
        .setCoder(AvroCoder.of(Schemas.errorRow()))
        .apply(
            "WriteErrors",
            FileIO.<GenericRecord>write()
                .via(ParquetIO.sink(Schemas.errorRow()))
                .to(layout.resolve(OutputLayout.ERRORS))
                .withPrefix("part")
                .withSuffix(".parquet")
                .withTempDirectory(layout.resolve(OutputLayout.TEMP)));
    return StatisticsLines.write(
        TranscriptStatistics.lines(input.get(FILES_IN), transcripts, failures), layout);
  }

  /** {@code folder_name=<parent folder>}: a single path segment taken from the file's own path. */
  static final class PartitionFn implements SerializableFunction<GenericRecord, String> {
    @Override
    public String apply(GenericRecord r) {
      return "folder_name=" + r.get("folder_name");
    }
  }
}
