package dev.voicegen.beam.common;

/** Counters (namespace {@code voicegen}) that let a driver follow a running job row by row. */
public final class ProgressCounters {
  /** Manifest rows read, valid or not. */
  public static final String ROWS_READ = "rows.read";
  /** Rows in the dataset: written now or kept by --resume. */
  public static final String ROWS_OK = "rows.ok";
  /** Rows written to errors/. */
  public static final String ROWS_FAILED = "rows.failed";

  private ProgressCounters() {}
}
