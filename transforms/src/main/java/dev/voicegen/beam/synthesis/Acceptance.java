package dev.voicegen.beam.synthesis;

import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.synth.AcceptanceGates;
import dev.voicegen.whisper.SharedWhisperModels;
import java.io.Serializable;

/**
 * How each output is checked and judged after synthesis: the Whisper round trip (when asked), the
 * DNSMOS scoring of every output, and the gates with the most attempts per row (best of N).
 *
 * @param asr the Whisper model of {@code --verifyAsr}, or null for no round trip
 * @param quality the quality models (DNSMOS) of {@code --qualityModelDir}
 * @param gates what an attempt must meet to be kept
 * @param attempts the most attempts per row ({@code --attempts}), 1 to {@link #MAX_ATTEMPTS}
 */
public record Acceptance(
    SharedWhisperModels.Key asr, SharedQualityModels.Key quality, AcceptanceGates gates, int attempts)
    implements Serializable {
  /** Each attempt unrolls a round of steps in the graph; more than this is a typo, not a plan. */
  public static final int MAX_ATTEMPTS = 10;

  public Acceptance {
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "--attempts=" + attempts + " must be between 1 and " + MAX_ATTEMPTS);
    }
    if (gates.maxCer() != null && asr == null) {
      throw new IllegalArgumentException("--maxCer needs --verifyAsr (the CER comes from the Whisper check)");
    }
  }
}
