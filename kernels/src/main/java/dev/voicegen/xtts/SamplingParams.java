package dev.voicegen.xtts;

/**
 * How the next audio code is drawn, and when generation stops. Defaults are XTTS v2's
 * (Coqui XttsConfig: temperature 0.75, top_k 50, top_p 0.85, repetition_penalty 10.0;
 * gpt.py max_gen_mel_tokens = 605 - 3 = 602).
 *
 * @param temperature logits are divided by it; must be > 0
 * @param topK keep the k largest logits; 0 disables
 * @param topP keep the smallest set reaching this probability mass; 1 disables
 * @param repetitionPenalty CTRL penalty on every id already seen in the row; 1 disables
 * @param maxCodes cap on codes per row, the STOP code included
 */
public record SamplingParams(float temperature, int topK, float topP, float repetitionPenalty, int maxCodes) {
  public static final float DEFAULT_TEMPERATURE = 0.75f;
  public static final int DEFAULT_TOP_K = 50;
  public static final float DEFAULT_TOP_P = 0.85f;
  public static final float DEFAULT_REPETITION_PENALTY = 10.0f;
  public static final int DEFAULT_MAX_CODES = 602;

  public SamplingParams {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0)) {
      throw new IllegalArgumentException("repetition_penalty must be > 0, got " + repetitionPenalty);
    }
    if (maxCodes < 1) {
      throw new IllegalArgumentException("max codes must be >= 1, got " + maxCodes);
    }
  }

  public static SamplingParams defaults() {
    return new SamplingParams(DEFAULT_TEMPERATURE, DEFAULT_TOP_K, DEFAULT_TOP_P,
        DEFAULT_REPETITION_PENALTY, DEFAULT_MAX_CODES);
  }

  public SamplingParams withTopK(int k) {
    return new SamplingParams(temperature, k, topP, repetitionPenalty, maxCodes);
  }

  public SamplingParams withTopP(float p) {
    return new SamplingParams(temperature, topK, p, repetitionPenalty, maxCodes);
  }

  public SamplingParams withRepetitionPenalty(float penalty) {
    return new SamplingParams(temperature, topK, topP, penalty, maxCodes);
  }

  public SamplingParams withMaxCodes(int max) {
    return new SamplingParams(temperature, topK, topP, repetitionPenalty, max);
  }
}
