package dev.voicegen.manifest;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of a CSV manifest's header, made when the file is opened: a header that is not one
 * (a file without a header row), or one delimited by something other than commas, or one with a
 * name twice, would make every row fail or the wrong column win in silence. The IOException says
 * what is wrong with the file and what to do; the job stops at start with it.
 */
final class CsvHeader {
  private static final List<String> REQUIRED = List.of("id", "text");

  private CsvHeader() {}

  /** @param columns the header's names, stripped */
  static void check(String name, List<String> columns) throws IOException {
    String delimiter = otherDelimiter(columns);
    if (delimiter != null) {
      throw new IOException(
          name + ": the header row is " + delimiter + "-delimited (" + shown(columns)
              + "); a CSV manifest is comma-separated (RFC 4180): save it with commas, or as JSON Lines");
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!column.isEmpty() && !seen.add(column)) {
        throw new IOException(
            name + ": the header row names the column '" + column + "' twice (" + shown(columns)
                + "); rename or remove one, so that each value has one meaning");
      }
    }
    for (String required : REQUIRED) {
      if (!columns.contains(required)) {
        throw new IOException(
            name + ": the header row has no '" + required + "' column (" + shown(columns) + ")"
                + hint(columns, required)
                + "; the first line of a CSV manifest names the columns, e.g. id,text,speaker_wav,language");
      }
    }
  }

  /**
   * A semicolon or tab delimiter, when the header evidently uses one: no required name stands
   * alone, but one does once the header is split on it.
   */
  private static String otherDelimiter(List<String> columns) {
    if (columns.containsAll(REQUIRED)) {
      return null;
    }
    String joined = String.join(",", columns);
    for (String delimiter : List.of(";", "\t")) {
      Set<String> names = new HashSet<>();
      for (String part : joined.split(delimiter + "|,", -1)) {
        names.add(part.strip().toLowerCase(Locale.ROOT));
      }
      if (joined.contains(delimiter) && names.containsAll(REQUIRED)) {
        return delimiter.equals(";") ? "semicolon" : "tab";
      }
    }
    return null;
  }

  /** Column names are matched exactly: say so when one differs only in case. */
  private static String hint(List<String> columns, String required) {
    for (String column : columns) {
      if (column.equalsIgnoreCase(required)) {
        return "; the column '" + column + "' must be named '" + required + "' (lower case)";
      }
    }
    return "";
  }

  private static String shown(List<String> columns) {
    String joined = String.join(",", columns).replace("\t", "\\t");
    return joined.length() <= 120 ? "'" + joined + "'" : "'" + joined.substring(0, 117) + "...'";
  }
}
