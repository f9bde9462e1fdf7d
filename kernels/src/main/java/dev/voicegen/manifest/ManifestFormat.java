package dev.voicegen.manifest;

import java.util.Locale;

/** Manifest file formats, chosen by file extension. */
public enum ManifestFormat {
  CSV,
  JSON_LINES,
  PARQUET;

  /**
   * @throws IllegalArgumentException for an extension that names no supported format
   */
  public static ManifestFormat forFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
      return JSON_LINES;
    }
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    throw new IllegalArgumentException(
        "manifest " + name + " has an unknown extension; use .csv, .jsonl or .parquet");
  }
}
