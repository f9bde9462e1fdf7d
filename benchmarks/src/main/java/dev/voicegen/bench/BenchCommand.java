package dev.voicegen.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What the batch-size benchmark commands share: their {@code --key=value} arguments, per-round values, median rounds. */
final class BenchCommand {
  private BenchCommand() {}

  /**
   * @param known the keys the command takes
   * @return key to value ("" for a bare flag), in argument order
   * @throws IllegalArgumentException for an argument without "--" or an unknown key
   */
  static Map<String, String> parse(String[] args, List<String> known) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      int eq = a.indexOf('=');
      String key = eq < 0 ? a.substring(2) : a.substring(2, eq);
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option " + a);
      }
      opt.put(key, eq < 0 ? "" : a.substring(eq + 1));
    }
    return opt;
  }

  /** {@code 1.23,4.56}: per-round values in an output line. */
  static String joined(double[] v) {
    StringBuilder s = new StringBuilder();
    for (double x : v) {
      s.append(s.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", x));
    }
    return s.toString();
  }

  /** Per batch size, the round with the median {@code wall} (the upper one of an even count). */
  static <M> Map<Integer, M> medianRounds(Map<Integer, List<M>> byBatch, ToDoubleFunction<M> wall) {
    Map<Integer, M> result = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<M>> e : byBatch.entrySet()) {
      List<M> ms = new ArrayList<>(e.getValue());
      ms.sort(Comparator.comparingDouble(wall));
      result.put(e.getKey(), ms.get(ms.size() / 2));
    }
    return result;
  }
}
