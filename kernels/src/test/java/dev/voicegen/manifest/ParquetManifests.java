package dev.voicegen.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Parquet manifests of several row groups, written as users' tools would write them. */
public final class ParquetManifests {
  private ParquetManifests() {}

  /**
   * Writes {@code rows} manifest rows ({@code id} {@code r<i>}, every third language null) in row
   * groups of about {@code rowGroupBytes} bytes.
   */
  public static Path write(Path file, int rows, int rowGroupBytes) throws IOException {
    Files.deleteIfExists(file);
    Schema schema = manifestRowSchema();
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .withSchema(schema)
            .withRowGroupSize((long) rowGroupBytes)
            // check the group's size often, so that small groups end close to rowGroupBytes
            .withMinRowCountForPageSizeCheck(10)
            .withMaxRowCountForPageSizeCheck(100)
            .build()) {
      for (int i = 0; i < rows; i++) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", "r" + i);
        r.put("text", "Sentence number " + i + ".");
        r.put("speaker_wav", "voices/v" + (i % 7) + ".wav");
        r.put("language", i % 3 == 0 ? null : "en");
        writer.write(r);
      }
    }
    return file;
  }

  /** The row count of each row group, from the file's footer. */
  public static List<Long> groupRows(Path file) throws IOException {
    List<Long> rows = new ArrayList<>();
    ChannelInputFile input = new ChannelInputFile(file.toString(), () -> FileChannel.open(file));
    try (ParquetFileReader reader = ParquetFileReader.open(input)) {
      for (BlockMetaData group : reader.getRowGroups()) {
        rows.add(group.getRowCount());
      }
    }
    return rows;
  }

  // the kernels have no schema loader of their own (that is the Beam layer's): read the schema file
  private static Schema manifestRowSchema() throws IOException {
    try (var in =
        ParquetManifests.class.getClassLoader().getResourceAsStream("voicegen/schemas/manifest_row.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }
}
