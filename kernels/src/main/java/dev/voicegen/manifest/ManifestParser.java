package dev.voicegen.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads manifest files row by row into {@link RawRow}s. A row that does not parse becomes an
 * unparseable RawRow; only an unreadable file throws.
 */
public final class ManifestParser {
  /** Floats as exact decimals, so that a number's text is the one in the file ({@link FieldText}). */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final int MAX_RAW = 2000;

  private ManifestParser() {}

  /** Opens the manifest's bytes again from the start (Parquet needs random access). */
  public interface ChannelOpener {
    SeekableByteChannel open() throws IOException;
  }

  /** Pulls the rows of one manifest file one at a time. */
  public interface RowReader extends Closeable {
    /** The next row, or null at the end of the file. */
    RawRow next() throws IOException;

    /** Where the row after the last one returned starts: reading can resume there. */
    ReadPosition position();

    /**
     * How many rows to read from here before reading resumes at {@link #position()} with a new
     * reader, given the usual {@code batchRows}: more for Parquet, where a new reader decodes the
     * rows before its position again (see {@code ParquetRows.batchRows}).
     */
    default long batchRows(long batchRows) {
      return batchRows;
    }

    /** Rows decoded only to reach the position this reader was opened at (Parquet); 0 otherwise. */
    default long rowsReread() {
      return 0;
    }
  }

  /**
   * Streams the rows of one manifest file to {@code sink}.
   *
   * @param name the file's name or URI, used in each row's {@code source}
   */
  public static void parse(String name, ChannelOpener opener, Consumer<RawRow> sink)
      throws IOException {
    try (RowReader reader = open(name, opener, ReadPosition.START)) {
      RawRow row;
      while ((row = reader.next()) != null) {
        sink.accept(row);
      }
    }
  }

  /**
   * Opens one manifest file for reading from {@code from}, a position an earlier reader of the
   * same file returned (or {@link ReadPosition#START}). CSV and JSON Lines readers seek to the
   * position's byte offset; a Parquet reader skips the row groups before it and decodes the rows
   * before it in its group.
   */
  public static RowReader open(String name, ChannelOpener opener, ReadPosition from)
      throws IOException {
    return switch (ManifestFormat.forFileName(name)) {
      case CSV -> CsvRows.open(name, opener, from);
      case JSON_LINES -> new JsonLineRows(name, reader(opener, from), from);
      case PARQUET -> ParquetRows.open(name, opener, from);
    };
  }

  /** Test seam: the rows of CSV bytes. */
  static void parseCsv(String name, java.io.InputStream in, Consumer<RawRow> sink) throws IOException {
    parse(name, bytesOpener(in.readAllBytes()), sink);
  }

  /** Test seam: the rows of JSON Lines bytes. */
  static void parseJsonLines(String name, java.io.InputStream in, Consumer<RawRow> sink)
      throws IOException {
    parse(name, bytesOpener(in.readAllBytes()), sink);
  }

  private static ChannelOpener bytesOpener(byte[] bytes) throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("manifest", ".bytes");
    file.toFile().deleteOnExit();
    java.nio.file.Files.write(file, bytes);
    return () -> java.nio.channels.FileChannel.open(file);
  }

  private static Utf8Reader reader(ChannelOpener opener, ReadPosition from) throws IOException {
    SeekableByteChannel channel = opener.open();
    try {
      channel.position(from.offset());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new Utf8Reader(java.nio.channels.Channels.newInputStream(channel), from.offset());
  }

  private static final class CsvRows implements RowReader {
    private final String name;
    private final List<String> columns;
    private final CsvRecordReader reader;

    private CsvRows(String name, List<String> columns, CsvRecordReader reader) {
      this.name = name;
      this.columns = columns;
      this.reader = reader;
    }

    static CsvRows open(String name, ChannelOpener opener, ReadPosition from) throws IOException {
      CsvRecordReader header = new CsvRecordReader(reader(opener, ReadPosition.START), 1);
      List<String> columns;
      try {
        CsvRecordReader.CsvRecord first = header.next();
        if (first == null) {
          return new CsvRows(name, List.of(), header);
        }
        if (first.problem() != null) {
          throw new IOException(name + ": header row does not parse: " + first.problem());
        }
        columns = first.fields().stream().map(ManifestParser::stripBom).map(String::strip).toList();
        CsvHeader.check(name, columns);
        if (from.isStart()) {
          return new CsvRows(name, columns, header);
        }
      } catch (IOException | RuntimeException e) {
        header.close();
        throw e;
      }
      header.close();
      return new CsvRows(name, columns, new CsvRecordReader(reader(opener, from), from.line()));
    }

    @Override
    public RawRow next() throws IOException {
      CsvRecordReader.CsvRecord record = columns.isEmpty() ? null : reader.next();
      if (record == null) {
        return null;
      }
      String source = name + ":" + record.line();
      String raw = abbreviate(record.raw());
      if (record.problem() != null) {
        return RawRow.unparseable(source, raw, record.problem());
      }
      if (record.fields().size() > columns.size()) {
        return RawRow.unparseable(
            source,
            raw,
            "row has " + record.fields().size() + " fields, the header has " + columns.size());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i < record.fields().size(); i++) {
        fields.put(columns.get(i), record.fields().get(i));
      }
      return RawRow.parsed(source, raw, fields);
    }

    @Override
    public ReadPosition position() {
      return new ReadPosition(reader.offset(), reader.line());
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  private static final class JsonLineRows implements RowReader {
    private final String name;
    private final Utf8Reader in;
    private long number;

    JsonLineRows(String name, Utf8Reader in, ReadPosition from) {
      this.name = name;
      this.in = in;
      this.number = from.line();
    }

    @Override
    public RawRow next() throws IOException {
      String line;
      while ((line = readLine()) != null) {
        number++;
        if (number == 1) {
          line = stripBom(line);
        }
        if (!line.isBlank()) {
          return parseJsonLine(name + ":" + number, line);
        }
      }
      return null;
    }

    /** A line without its terminator (LF, CR or CR LF, as BufferedReader.readLine). */
    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      int c = in.read();
      if (c < 0) {
        return null;
      }
      while (c >= 0 && c != '\n' && c != '\r') {
        line.append((char) c);
        c = in.read();
      }
      if (c == '\r' && in.peek() == '\n') {
        in.read();
      }
      return line.toString();
    }

    @Override
    public ReadPosition position() {
      return new ReadPosition(in.position(), number);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static RawRow parseJsonLine(String source, String line) {
    String raw = abbreviate(line);
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      return RawRow.unparseable(source, raw, "not valid JSON: " + firstLine(e));
    }
    if (node == null || !node.isObject()) {
      return RawRow.unparseable(source, raw, "a JSON Lines row must be a JSON object");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> nonText = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!v.isNull()) {
        FieldText value = FieldText.ofJson(v);
        if (value.text() != null) {
          fields.put(e.getKey(), value.text());
        } else {
          nonText.put(e.getKey(), value.problem());
        }
      }
    }
    return RawRow.parsed(source, raw, fields, nonText);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  static String abbreviate(String s) {
    return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "...";
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
