package dev.voicegen.manifest;

import java.io.Serializable;
import java.util.Map;

/**
 * One row as read from a manifest file, before validation.
 *
 * @param source manifest file and row number, {@code file:number}
 * @param raw the row as it appeared in the file (a CSV record or a JSON line), for error reports
 * @param fields the row's keys and values that are text; null when the row could not be parsed
 * @param nonText the keys whose value is not text, with what it is instead ({@link FieldText}):
 *     such a key is absent from {@code fields}
 * @param parseError why the row could not be parsed; null when it was
 */
public record RawRow(
    String source, String raw, Map<String, String> fields, Map<String, String> nonText, String parseError)
    implements Serializable {

  public static RawRow parsed(String source, String raw, Map<String, String> fields) {
    return new RawRow(source, raw, fields, Map.of(), null);
  }

  public static RawRow parsed(
      String source, String raw, Map<String, String> fields, Map<String, String> nonText) {
    return new RawRow(source, raw, fields, nonText.isEmpty() ? Map.of() : nonText, null);
  }

  public static RawRow unparseable(String source, String raw, String parseError) {
    return new RawRow(source, raw, null, Map.of(), parseError);
  }

  /** The manifest file of {@link #source}. */
  public String file() {
    return source.substring(0, source.lastIndexOf(':'));
  }

  /** The row number of {@link #source} (a CSV or JSON Lines line, a Parquet row from 1). */
  public long line() {
    return Long.parseLong(source.substring(source.lastIndexOf(':') + 1));
  }
}
