package dev.voicegen.pipeline.report;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.manifest.ChannelInputFile;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/** Streams the records of a dataset's Parquet files through Beam's file systems (local or S3). */
final class DatasetReader {
  private DatasetReader() {}

  static void forEach(OutputLayout layout, String folder, Consumer<GenericRecord> sink)
      throws IOException {
    // OutputFiles: a recursive listing on every file system, s3a included
    List<MatchResult.Metadata> files =
        new ArrayList<>(dev.voicegen.pipeline.common.OutputFiles.list(layout.resolve(folder), ".parquet"));
    files.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
    for (MatchResult.Metadata file : files) {
      String name = file.resourceId().toString();
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  new ChannelInputFile(name, () -> openSeekable(file, name)))
              .build()) {
        GenericRecord r;
        while ((r = reader.read()) != null) {
          sink.accept(r);
        }
      }
    }
  }

  private static SeekableByteChannel openSeekable(MatchResult.Metadata file, String name)
      throws IOException {
    ReadableByteChannel channel = FileSystems.open(file.resourceId());
    if (channel instanceof SeekableByteChannel seekable) {
      return seekable;
    }
    channel.close();
    throw new IOException(name + ": the file system gives no random access, which Parquet needs");
  }
}
