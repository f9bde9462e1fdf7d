package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Smoke test of the bench-xtts command on the tiny fixture: it runs and its lines parse. No timing limits. */
class XttsDecodeThroughputTest {
  @Test
  void runsOnTheTinyModelAndPrintsParsableLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String tiny = BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS).toString();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      XttsDecodeThroughput.run(new String[] {"--modelDir=" + tiny, "--steps=5", "--batches=1,2",
          "--rounds=1", "--threads=1"}, out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      assertTrue(line.startsWith("xtts "), line);
      if (line.startsWith("xtts batch=")) {
        rows.add(keyValues(line));
      }
    }
    assertEquals(2, rows.size(), text);
    for (int i = 0; i < 2; i++) {
      Map<String, String> row = rows.get(i);
      int batch = Integer.parseInt(row.get("batch"));
      assertEquals(i + 1, batch);
      assertEquals(0, Integer.parseInt(row.get("rows_stopped")), text); // the tiny STOP ramp starts late
      assertEquals(5, Long.parseLong(row.get("decode_steps")));
      assertEquals(6L * batch, Long.parseLong(row.get("codes")));
      for (String key : List.of("wall_ms", "codes_per_s", "decode_codes_per_s", "rtf", "prefill_ms", "step_ms",
          "host_share_pct", "vocode_ms", "rtf_with_vocoder", "decode_cpu_ms")) {
        double v = Double.parseDouble(row.get(key));
        assertTrue(v >= 0 && Double.isFinite(v), key + "=" + v);
      }
      assertTrue(Double.parseDouble(row.get("host_share_pct")) <= 100);
    }
    assertTrue(text.contains("xtts host_share batch32 n/a"), text);
    assertTrue(text.contains("xtts ratio batch16/batch1 n/a"), text);
  }

  @Test
  void bothKvPathsRunInOneRunWithTheirRatioBytesAndParity() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String tiny = BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS).toString();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      XttsDecodeThroughput.run(new String[] {"--modelDir=" + tiny, "--steps=5", "--batches=2",
          "--rounds=2", "--threads=1", "--no-vocode", "--kvBinding=both"}, out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    Map<String, Map<String, String>> byKv = new LinkedHashMap<>();
    Map<String, String> comparison = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("xtts batch=")) {
        Map<String, String> row = keyValues(line);
        byKv.put(row.get("kv"), row);
      } else if (line.startsWith("xtts kv_binding ")) {
        comparison = keyValues("xtts " + line.substring("xtts kv_binding ".length())
            .replace(" (rounds ", " rounds=").replace(") ", " ").replace(", ", ",").replaceFirst(" rounds=", " wall_rounds="));
      }
    }
    assertEquals(List.of("bound", "host"), List.copyOf(byKv.keySet()), text);
    double bound = Double.parseDouble(byKv.get("bound").get("host_bytes_per_step"));
    double host = Double.parseDouble(byKv.get("host").get("host_bytes_per_step"));
    // tiny fixture: 2 x (1026 + 64 + 64 + ~47) x 4 bytes bound; the host path adds the whole cache twice
    assertTrue(bound > 9000 && bound < 10000, text);
    assertTrue(host > 2 * bound, text);
    assertTrue(comparison != null, text);
    assertEquals("true", comparison.get("same_codes"), text);
    assertEquals(0.0, Double.parseDouble(comparison.get("latents_max_abs_diff")), text);
    assertTrue(Double.parseDouble(comparison.get("decode_throughput_bound_over_host").replace("x", "")) > 0, text);
  }

  private static Map<String, String> keyValues(String line) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String token : line.substring("xtts ".length()).split(" ")) {
      int eq = token.indexOf('=');
      assertTrue(eq > 0, "not key=value: " + token + " in " + line);
      kv.put(token.substring(0, eq), token.substring(eq + 1));
    }
    return kv;
  }
}
