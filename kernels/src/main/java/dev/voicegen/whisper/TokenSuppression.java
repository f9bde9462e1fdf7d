package dev.voicegen.whisper;

/**
 * Greedy choice of the next token with Whisper's suppression rules: {@code suppress_tokens} at
 * every step, {@code begin_suppress_tokens} only at the first generated step (Hugging Face
 * SuppressTokensLogitsProcessor / SuppressTokensAtBeginLogitsProcessor), and every special token
 * after <|endoftext|> (start, languages, tasks, no-speech, timestamps) always. That is more than
 * openai whisper's decoding.py {@code _get_suppress_tokens} (tasks, start, previous, lm, no-speech)
 * for text-only decoding, which leaves a language token or <|notimestamps|> free to be emitted
 * mid-text; a transcript never wants those. Immutable.
 */
final class TokenSuppression {
  private final boolean[] always;
  private final boolean[] atBegin;

  /**
   * @param suppressEndOfText true for fixed-step benchmarks: <|endoftext|> never wins
   */
  TokenSuppression(WhisperConfig c, boolean suppressEndOfText) {
    int v = c.vocabSize();
    always = new boolean[v];
    atBegin = new boolean[v];
    for (int id : c.suppressTokens()) {
      mark(always, id);
    }
    for (int id : c.beginSuppressTokens()) {
      mark(atBegin, id);
    }
    // Whisper puts every special token after <|endoftext|> (specs/whisper-onnx.md, HF vocab order).
    for (int id = c.endOfText() + 1; id < v; id++) {
      always[id] = true;
    }
    if (suppressEndOfText) {
      always[c.endOfText()] = true;
    }
  }

  boolean suppressed(int token, boolean firstStep) {
    return always[token] || (firstStep && atBegin[token]);
  }

  /**
   * The highest logit among the tokens allowed at this step (lowest id on ties).
   *
   * @param logits row-major logits; the row occupies {@code [offset, offset + vocab)}
   * @param firstStep whether this is the first generated token of the window
   */
  int argmax(float[] logits, int offset, boolean firstStep) {
    int best = -1;
    float bestLogit = Float.NEGATIVE_INFINITY;
    for (int t = 0; t < always.length; t++) {
      float l = logits[offset + t];
      if ((best < 0 || l > bestLogit) && !suppressed(t, firstStep)) {
        best = t;
        bestLogit = l;
      }
    }
    return best;
  }

  private static void mark(boolean[] mask, int id) {
    if (id >= 0 && id < mask.length) {
      mask[id] = true;
    }
  }
}
