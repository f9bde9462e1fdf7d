package dev.voicegen.whisper;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Character and word error rates of a transcript against the text that was synthesised
 * (specs/whisper-onnx.md "Checking generated speech"): Levenshtein distance (substitutions,
 * insertions, deletions, each cost 1) divided by the reference length, after {@link #normalize}.
 *
 * <p>Numbers: digits are kept as they are on both sides and nothing is spelled out, so "3" and
 * "three" differ; callers that synthesise spelled-out numbers must give the spelled-out reference.
 * An empty reference gives 0 against an empty hypothesis and 1 otherwise.
 */
public final class ErrorRates {
  private static final Pattern APOSTROPHES = Pattern.compile("['’ʼ]");
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ErrorRates() {}

  /**
   * Lower case (root locale), apostrophes dropped ("don't" -> "dont"), other punctuation and
   * symbols replaced by a space, whitespace collapsed to single spaces and trimmed.
   */
  public static String normalize(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    s = APOSTROPHES.matcher(s).replaceAll("");
    s = PUNCTUATION.matcher(s).replaceAll(" ");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  /** Character error rate: edit distance over code points (spaces included) / reference length. */
  public static double cer(String reference, String hypothesis) {
    int[] ref = normalize(reference).codePoints().toArray();
    int[] hyp = normalize(hypothesis).codePoints().toArray();
    return rate(distance(ref, hyp), ref.length, hyp.length);
  }

  /** Word error rate: edit distance over words / reference word count. */
  public static double wer(String reference, String hypothesis) {
    Map<String, Integer> ids = new HashMap<>();
    int[] ref = words(normalize(reference), ids);
    int[] hyp = words(normalize(hypothesis), ids);
    return rate(distance(ref, hyp), ref.length, hyp.length);
  }

  /** Levenshtein distance between two symbol sequences, in O(min) memory. */
  public static int distance(int[] a, int[] b) {
    if (a.length < b.length) {
      int[] t = a;
      a = b;
      b = t;
    }
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  private static double rate(int distance, int refLength, int hypLength) {
    if (refLength == 0) {
      return hypLength == 0 ? 0.0 : 1.0;
    }
    return distance / (double) refLength;
  }

  private static int[] words(String normalized, Map<String, Integer> ids) {
    if (normalized.isEmpty()) {
      return new int[0];
    }
    String[] w = normalized.split(" ");
    int[] out = new int[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = ids.computeIfAbsent(w[i], k -> ids.size());
    }
    return out;
  }
}
