package dev.voicegen.synth;

import java.io.Serializable;

/**
 * The XTTS engine's options: sampling (xtts-onnx.md step 6 defaults), the job seed every row seed
 * derives from, and ONNX Runtime intra-op threads (0 = all cores).
 */
public record XttsSettings(
    float temperature,
    int topK,
    float topP,
    float repetitionPenalty,
    int maxCodes,
    long seed,
    int threads)
    implements Serializable {

  public static XttsSettings defaults() {
    return new XttsSettings(0.75f, 50, 0.85f, 10.0f, 602, 0L, 0);
  }
}
