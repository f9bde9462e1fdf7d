package dev.voicegen.manifest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of a Parquet manifest, from any row on. Parquet has no row offsets: the footer's row
 * counts say which row group holds the row, the groups before it are left out by a file range, and
 * the rows before it within its group are decoded and dropped ({@link #rowsReread()}).
 */
final class ParquetRows implements ManifestParser.RowReader {
  private final String name;
  /** Null when opened at the end of the file. */
  private final ParquetReader<GenericRecord> reader;
  /** The number of rows up to the end of each row group. */
  private final long[] groupEnds;
  private long number;
  private long reread;

  private ParquetRows(
      String name, ParquetReader<GenericRecord> reader, long[] groupEnds, long number) {
    this.name = name;
    this.reader = reader;
    this.groupEnds = groupEnds;
    this.number = number;
  }

  /** Opens the file at {@code from.line()}, the number of rows already read. */
  static ParquetRows open(String name, ManifestParser.ChannelOpener opener, ReadPosition from)
      throws IOException {
    InputFile file = new ChannelInputFile(name, opener);
    List<BlockMetaData> groups;
    MessageType schema;
    try (ParquetFileReader footer = ParquetFileReader.open(file)) {
      groups = footer.getRowGroups();
      schema = footer.getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      throw unreadable(name, e);
    }
    checkColumns(name, schema);
    long[] groupEnds = new long[groups.size()];
    long total = 0;
    for (int g = 0; g < groups.size(); g++) {
      total += groups.get(g).getRowCount();
      groupEnds[g] = total;
    }
    long row = from.line();
    if (row > total) {
      throw new IOException(name + ": cannot resume after row " + row + ": the file has " + total);
    }
    if (row == total) {
      return new ParquetRows(name, null, groupEnds, row);
    }
    int group = groupOf(groupEnds, row);
    // parquet-mr keeps the row groups whose midpoint lies in the range: starting at this group's
    // first byte, the range holds this group and the later ones (next() checks that it did)
    ParquetReader<GenericRecord> reader;
    try {
      reader =
          AvroParquetReader.<GenericRecord>builder(file)
              .withFileRange(groups.get(group).getStartingPos(), Long.MAX_VALUE)
              .build();
    } catch (IOException | RuntimeException e) {
      throw unreadable(name, e);
    }
    ParquetRows rows = new ParquetRows(name, reader, groupEnds, groupStart(groupEnds, row));
    try {
      while (rows.number < row) {
        if (rows.read() == null) {
          throw new IOException(
              name + ": the footer counts " + total + " rows, the file ends after " + rows.number);
        }
        rows.reread++;
      }
    } catch (IOException | RuntimeException e) {
      rows.close();
      throw e;
    }
    return rows;
  }

  /**
   * Reopening inside a row group costs decoding the group's rows before the position again, so a
   * batch grows with the rows already read in the group, {@code max(batchRows, rowsInGroup / 2)},
   * and ends at the last group end it reaches, where the next reader starts at no cost. A reopen
   * {@code a} rows into a group then follows a batch of {@code n >= a / 3} rows (that batch began
   * {@code a' = a - n} rows in, with {@code n >= a' / 2}): rows reread stay under 3 times the rows
   * read, for any group sizes, and a batch holds at most a third of a group (or {@code
   * batchRows}). A quarter instead of a half would hold a fifth of a group per batch, but reread
   * up to 5 times the rows, and each reopen reads the whole group's bytes again.
   */
  @Override
  public long batchRows(long batchRows) {
    long target = number + Math.max(batchRows, (number - groupStart(groupEnds, number)) / 2);
    long end = target;
    for (int g = groupOf(groupEnds, number); g < groupEnds.length && groupEnds[g] <= target; g++) {
      end = groupEnds[g];
    }
    return end - number;
  }

  @Override
  public long rowsReread() {
    return reread;
  }

  @Override
  public RawRow next() throws IOException {
    GenericRecord record = reader == null ? null : read();
    if (record == null) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> nonText = new LinkedHashMap<>();
    for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value != null) {
        FieldText text = FieldText.ofParquet(value);
        if (text.text() != null) {
          fields.put(field.name(), text.text());
        } else {
          nonText.put(field.name(), text.problem());
        }
      }
    }
    return RawRow.parsed(
        name + ":" + number, ManifestParser.abbreviate(record.toString()), fields, nonText);
  }

  /** The next record, counted; null at the end of the file. */
  private GenericRecord read() throws IOException {
    GenericRecord record;
    long index;
    try {
      record = reader.read();
      index = reader.getCurrentRowIndex();
    } catch (IOException | RuntimeException e) {
      throw unreadable(name, e);
    }
    if (record == null) {
      return null;
    }
    if (index >= 0 && index != number) { // -1: parquet-mr does not know the row's index
      throw new IOException(
          name + ": expected row " + (number + 1) + " of the file, read row " + (index + 1)
              + " (row groups out of file order?)");
    }
    number++;
    return record;
  }

  @Override
  public ReadPosition position() {
    return new ReadPosition(0, number);
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }

  /** The rows before the row group that holds row {@code row} (0-based). */
  private static long groupStart(long[] groupEnds, long row) {
    int group = groupOf(groupEnds, row);
    return group == 0 ? 0 : groupEnds[group - 1];
  }

  /** The first row group that holds row {@code row} (0-based): empty groups hold none. */
  private static int groupOf(long[] groupEnds, long row) {
    int group = 0;
    while (group < groupEnds.length && groupEnds[group] <= row) {
      group++;
    }
    return group;
  }

  /**
   * A file without an {@code id} or {@code text} column, or with one that is a nested group, would
   * fail every row: the file is refused at open instead, before the job writes anything.
   */
  private static void checkColumns(String name, MessageType schema) throws IOException {
    for (String column : List.of("id", "text")) {
      if (!schema.containsField(column)) {
        throw new IOException(
            name + ": the Parquet manifest has no '" + column + "' column (its columns: "
                + schema.getFields().stream().map(Type::getName).toList()
                + "); write the manifest with string columns 'id' and 'text' (names in lower case)");
      }
      Type type = schema.getType(column);
      if (!type.isPrimitive()) {
        throw new IOException(
            name + ": the Parquet column '" + column + "' is a nested group, not a string;"
                + " write it as a string column");
      }
    }
  }

  private static IOException unreadable(String name, Exception e) {
    return new IOException(name + ": not a readable Parquet manifest: " + e.getMessage(), e);
  }
}
