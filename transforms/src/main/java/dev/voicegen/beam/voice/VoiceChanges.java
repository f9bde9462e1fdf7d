package dev.voicegen.beam.voice;

import dev.voicegen.audio.seed.ProcessedVoice;
import java.io.Serializable;
import java.util.List;

/**
 * What optimize or preprocess did to a sample, for the metadata row.
 *
 * @param mode the preprocessing variant (seed)
 * @param gainDb normalisation gain
 * @param trimmedMs silence removed
 * @param cutMs audio removed by the 30 s cap
 * @param resampled whether the rate changed
 * @param durationAfterS duration of the result
 * @param warnings e.g. too short to clone well
 * @param steps what each step did, with its effect and time
 */
public record VoiceChanges(
    String mode,
    double gainDb,
    long trimmedMs,
    long cutMs,
    boolean resampled,
    double durationAfterS,
    List<String> warnings,
    List<String> steps)
    implements Serializable {

  static VoiceChanges of(String mode, ProcessedVoice p) {
    return new VoiceChanges(
        mode,
        p.gainDb(),
        p.trimmedMs(),
        p.cutMs(),
        p.resampled(),
        p.audio().durationSeconds(),
        List.copyOf(p.warnings()),
        List.copyOf(p.steps()));
  }
}
