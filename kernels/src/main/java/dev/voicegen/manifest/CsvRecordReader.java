package dev.voicegen.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams RFC 4180 records: comma separated, double-quoted fields may hold commas, quotes ("") and
 * line breaks. Reads one record at a time, so a manifest is never held whole.
 */
final class CsvRecordReader implements java.io.Closeable {
  private final Utf8Reader in;
  private long line;

  /** One record: its fields, the text it was read from, its first line, and a parse problem. */
  record CsvRecord(List<String> fields, String raw, long line, String problem) {}

  /** @param line the line number of the first character of {@code in} */
  CsvRecordReader(Utf8Reader in, long line) {
    this.in = in;
    this.line = line;
  }

  /** Byte offset of the first character not yet part of a record. */
  long offset() {
    return in.position();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Line number of that character. */
  long line() {
    return line;
  }

  /** The next record, or null at the end of the input; blank lines are skipped. */
  CsvRecord next() throws IOException {
    while (true) {
      if (peek() == -1) {
        return null;
      }
      long startLine = line;
      StringBuilder raw = new StringBuilder();
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      String problem = null;
      boolean quoted = false;
      boolean fieldStarted = false;
      boolean afterQuote = false;
      int c;
      while (true) {
        c = read();
        if (c == -1) {
          if (quoted) {
            problem = "unterminated quoted field starting on line " + startLine;
          }
          break;
        }
        if (quoted) {
          raw.append((char) c);
          if (c == '"') {
            if (peek() == '"') {
              read();
              raw.append('"');
              field.append('"');
            } else {
              quoted = false;
              afterQuote = true;
            }
          } else {
            field.append((char) c);
          }
          continue;
        }
        if (c == '\r' && peek() == '\n') {
          continue;
        }
        if (c == '\n' || c == '\r') {
          break;
        }
        raw.append((char) c);
        if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          fieldStarted = false;
          afterQuote = false;
        } else if (c == '"' && !fieldStarted) {
          quoted = true;
          fieldStarted = true;
        } else {
          if (afterQuote && problem == null) {
            problem = "text after a closing quote on line " + line;
          }
          field.append((char) c);
          fieldStarted = true;
        }
      }
      fields.add(field.toString());
      if (problem == null && raw.length() == 0) {
        continue;
      }
      return new CsvRecord(fields, raw.toString(), startLine, problem);
    }
  }

  private int peek() throws IOException {
    return in.peek();
  }

  private int read() throws IOException {
    int c = in.read();
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
      line++;
    }
    return c;
  }
}
