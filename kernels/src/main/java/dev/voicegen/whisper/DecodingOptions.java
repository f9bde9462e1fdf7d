package dev.voicegen.whisper;

/**
 * How a transcriber decodes. {@code fixedSteps > 0} is for benchmarks: every row generates exactly
 * that many tokens, <|endoftext|> suppressed (so never a stop), still bounded by max_length.
 */
public record DecodingOptions(int fixedSteps) {
  public static final DecodingOptions DEFAULT = new DecodingOptions(0);

  public DecodingOptions {
    if (fixedSteps < 0) {
      throw new IllegalArgumentException("fixedSteps must be >= 0, got " + fixedSteps);
    }
  }

  /** Decode exactly {@code steps} tokens per window, ignoring <|endoftext|>. */
  public static DecodingOptions fixedSteps(int steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("steps must be > 0, got " + steps);
    }
    return new DecodingOptions(steps);
  }
}
