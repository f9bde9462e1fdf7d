package dev.voicegen.manifest;

import java.io.Serializable;

/**
 * Where the next manifest record starts: its byte offset and line number (CSV, JSON Lines), or the
 * number of rows already read (Parquet, whose offset stays 0: the footer's row counts lead to the
 * row group, and the group's rows before the position are decoded again). {@link #START} is the
 * file's beginning, header included.
 */
public record ReadPosition(long offset, long line) implements Serializable {
  public static final ReadPosition START = new ReadPosition(0, 0);

  public boolean isStart() {
    return offset == 0 && line == 0;
  }
}
