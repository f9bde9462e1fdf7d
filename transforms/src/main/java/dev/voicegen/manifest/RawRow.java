package dev.voicegen.manifest;

import java.io.Serializable;
import java.util.Map;

/**
 * One row as read from a manifest file, before validation.
 *
 * @param source manifest file and row number
 * @param raw the row as it appeared in the file (a CSV record or a JSON line), for error reports
 * @param fields the row's keys and values; null when the row could not be parsed
 * @param parseError why the row could not be parsed; null when it was
 */
public record RawRow(String source, String raw, Map<String, String> fields, String parseError)
    implements Serializable {

  public static RawRow parsed(String source, String raw, Map<String, String> fields) {
    return new RawRow(source, raw, fields, null);
  }

  public static RawRow unparseable(String source, String raw, String parseError) {
    return new RawRow(source, raw, null, parseError);
  }
}
