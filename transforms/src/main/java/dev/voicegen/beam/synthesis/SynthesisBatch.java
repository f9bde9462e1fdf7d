package dev.voicegen.beam.synthesis;

import dev.voicegen.manifest.ManifestEntry;
import java.io.Serializable;
import java.util.List;

/**
 * Rows of one language and text-length bucket, synthesised together; each row names its
 * reference sample by content hash.
 *
 * @param rows the rows with their attempt numbers, at most the batch size
 * @param hashes the reference sample hash of each row
 */
public record SynthesisBatch(List<RowAttempt> rows, List<String> hashes) implements Serializable {

  /** The manifest rows, in batch order. */
  public List<ManifestEntry> entries() {
    return rows.stream().map(RowAttempt::entry).toList();
  }
}
