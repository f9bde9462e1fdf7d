package dev.voicegen.beam.synthesis;

import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.AttemptScores;
import java.io.Serializable;
import java.util.List;

/**
 * A row on its way to an attempt at synthesis: which attempt it is and the scores of the attempts
 * before it, which travel with the row (a few numbers each) so that no step has to join them back.
 *
 * @param entry the manifest row
 * @param attempt this attempt's number, from 1
 * @param earlier the scores of attempts 1 to {@code attempt - 1}, each with the gates it missed
 */
public record RowAttempt(ManifestEntry entry, int attempt, List<AttemptScores> earlier)
    implements Serializable {

  public RowAttempt {
    earlier = List.copyOf(earlier);
    if (earlier.size() != attempt - 1) {
      throw new IllegalArgumentException(
          "attempt " + attempt + " of " + entry.id() + " carries " + earlier.size() + " earlier attempts");
    }
  }

  /** The first attempt at a row. */
  public static RowAttempt first(ManifestEntry entry) {
    return new RowAttempt(entry, 1, List.of());
  }
}
