package dev.voicegen.pipeline.common;

import dev.voicegen.synth.SpeechEngine;

/**
 * What a job's outputs say about its engine: the name, whether the voices are cloned, and the
 * licence of the model's weights (summary.json, report.html and the closing lines).
 *
 * @param name the engine's name, as in the metadata {@code engine} column
 * @param voiceCloned whether the audio is in the reference voices
 * @param modelLicense the licence id of the weights, or null
 */
public record EngineLabel(String name, boolean voiceCloned, String modelLicense) {
  public static EngineLabel of(SpeechEngine engine) {
    return new EngineLabel(engine.name(), engine.clones(), engine.modelLicense());
  }

  /** "yes" or why not, for the closing lines. */
  public String clonedSaying() {
    return voiceCloned
        ? "yes (" + name + (modelLicense == null ? "" : ", weights under " + modelLicense) + ")"
        : "NO (" + name + " does not clone voices; 'bin/voicegen models pull xtts-v2' fetches the model"
            + " that does)";
  }
}
