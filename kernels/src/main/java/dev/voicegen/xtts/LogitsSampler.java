package dev.voicegen.xtts;

import java.util.SplittableRandom;

/**
 * One sampling step on a row of logits, in XTTS's order (HF generate as Coqui calls it): CTRL
 * repetition penalty, temperature, top-k, top-p, multinomial. Works in place on primitive arrays
 * with reused scratch buffers; one instance per generator thread (not thread-safe).
 */
public final class LogitsSampler {
  private final SamplingParams params;
  private final int vocab;
  private final float[] select;
  private final int[] order;
  private final double[] weights;

  public LogitsSampler(SamplingParams params, int vocab) {
    this.params = params;
    this.vocab = vocab;
    this.select = new float[vocab];
    this.order = new int[vocab];
    this.weights = new double[vocab];
  }

  public SamplingParams params() {
    return params;
  }

  /**
   * Draws one id from {@code logits[0..vocab)}, which is overwritten. {@code seen} marks the ids
   * already in the row (the repetition history); the caller adds the drawn id to it.
   */
  public int sample(float[] logits, boolean[] seen, SplittableRandom rng) {
    applyRepetitionPenalty(logits, seen, params.repetitionPenalty());
    applyTemperature(logits, params.temperature());
    applyTopK(logits, params.topK());
    int kept = applyTopP(logits, params.topP());
    return draw(kept, rng.nextDouble());
  }

  /** CTRL (Keskar et al. 2019): divide positive logits, multiply negative ones, for seen ids. */
  public static void applyRepetitionPenalty(float[] logits, boolean[] seen, float penalty) {
    if (penalty == 1f) {
      return;
    }
    int n = Math.min(seen.length, logits.length);
    for (int i = 0; i < n; i++) {
      if (seen[i]) {
        float l = logits[i];
        logits[i] = l < 0 ? l * penalty : l / penalty;
      }
    }
  }

  public static void applyTemperature(float[] logits, float temperature) {
    if (temperature == 1f) {
      return;
    }
    for (int i = 0; i < logits.length; i++) {
      logits[i] = logits[i] / temperature;
    }
  }

  /** Sets every logit below the k-th largest to -inf (ties with it are kept, as in HF). */
  public void applyTopK(float[] logits, int k) {
    if (k <= 0 || k >= vocab) {
      return;
    }
    System.arraycopy(logits, 0, select, 0, vocab);
    float threshold = kthLargest(select, vocab, k);
    for (int i = 0; i < vocab; i++) {
      if (logits[i] < threshold) {
        logits[i] = Float.NEGATIVE_INFINITY;
      }
    }
  }

  /**
   * Nucleus filter (Holtzman et al. 2020, HF TopPLogitsWarper): keeps, in descending order, every id
   * whose preceding mass is below {@code p} (at least one). Returns how many survive; their ids are
   * {@code order[0..n)} and their unnormalised probabilities {@code weights[0..n)}.
   */
  public int applyTopP(float[] logits, float p) {
    int n = 0;
    for (int i = 0; i < vocab; i++) {
      if (logits[i] != Float.NEGATIVE_INFINITY) {
        order[n++] = i;
      }
    }
    if (n == 0) {
      throw new IllegalStateException("every logit is -inf");
    }
    sortDescending(logits, order, n);
    float max = logits[order[0]];
    double total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = Math.exp(logits[order[i]] - max);
      total += weights[i];
    }
    if (p >= 1f) {
      return n;
    }
    double limit = p * total;
    double before = 0;
    int kept = 0;
    while (kept < n && (kept == 0 || before < limit)) {
      before += weights[kept++];
    }
    for (int i = kept; i < n; i++) {
      logits[order[i]] = Float.NEGATIVE_INFINITY;
    }
    return kept;
  }

  /** Inverse-CDF draw over the {@code kept} survivors of {@link #applyTopP}; {@code u} in [0,1). */
  public int draw(int kept, double u) {
    double total = 0;
    for (int i = 0; i < kept; i++) {
      total += weights[i];
    }
    double target = u * total;
    double acc = 0;
    for (int i = 0; i < kept; i++) {
      acc += weights[i];
      if (target < acc) {
        return order[i];
      }
    }
    return order[kept - 1];
  }

  /** Quickselect: the k-th largest of a[0..n) (a is reordered). */
  static float kthLargest(float[] a, int n, int k) {
    int target = n - k;
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      float pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          float t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[target];
  }

  /** Sorts ids by logit descending, ties by id ascending (a stable, reproducible order). */
  static void sortDescending(float[] logits, int[] ids, int n) {
    // Insertion sort for the usual top-k sizes; heap sort keeps the no-top-k case O(n log n).
    if (n <= 64) {
      for (int i = 1; i < n; i++) {
        int id = ids[i];
        int j = i - 1;
        while (j >= 0 && before(logits, id, ids[j])) {
          ids[j + 1] = ids[j];
          j--;
        }
        ids[j + 1] = id;
      }
      return;
    }
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(logits, ids, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      int t = ids[0];
      ids[0] = ids[end];
      ids[end] = t;
      siftDown(logits, ids, 0, end);
    }
  }

  /** True when id a sorts before id b. */
  private static boolean before(float[] logits, int a, int b) {
    return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
  }

  /** Heap whose root is the id that sorts last, so the heap sort leaves ids in "before" order. */
  private static void siftDown(float[] logits, int[] ids, int i, int n) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= n) {
        return;
      }
      int c = l + 1 < n && before(logits, ids[l], ids[l + 1]) ? l + 1 : l;
      if (!before(logits, ids[i], ids[c])) {
        return;
      }
      int t = ids[i];
      ids[i] = ids[c];
      ids[c] = t;
      i = c;
    }
  }
}
