package dev.voicegen.beam.voice;

import dev.voicegen.beam.common.StageFailure;
import java.io.Serializable;

/**
 * A reference sample ready for synthesis: its numbers for the metadata (no audio) and what the
 * engine made of it (e.g. XTTS conditioning), or why it cannot be used.
 *
 * @param sample the sample's analysis, changes and timings, without audio
 * @param state the engine's per-sample state, or null
 * @param failure the stage failure of the sample, or null
 */
public record PreparedVoice(VoiceSample sample, Serializable state, StageFailure failure)
    implements Serializable {}
