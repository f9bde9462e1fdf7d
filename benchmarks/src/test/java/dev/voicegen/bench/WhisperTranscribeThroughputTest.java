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

/** Smoke test of the bench-whisper command on the tiny fixture: it runs and its lines parse. No timing limits. */
class WhisperTranscribeThroughputTest {
  private static final String TINY = "kernels/src/test/resources/whisper/tiny";

  @Test
  void runsOnTheTinyModelAndPrintsParsableLines() {
    String text = run("--modelDir=" + BenchCorpus.root().resolve(TINY), "--steps=5", "--batches=1,3",
        "--rounds=2", "--threads=1", "--seconds=4");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      assertTrue(line.startsWith("whisper "), line);
      if (line.startsWith("whisper batch=")) {
        rows.add(keyValues(line));
      }
    }
    assertEquals(2, rows.size(), text);
    for (int i = 0; i < 2; i++) {
      Map<String, String> row = rows.get(i);
      int batch = Integer.parseInt(row.get("batch"));
      assertEquals(i == 0 ? 1 : 3, batch);
      assertEquals(5L * batch, Long.parseLong(row.get("tokens")), text); // <|endoftext|> never stops a row
      for (String key : List.of("wall_ms", "files_per_s", "s_per_file", "cpu_s_per_file", "audio_decode",
          "log_mel", "encoder", "decoder", "detect", "prefill", "steps", "step_ms", "ort_share_pct")) {
        double v = Double.parseDouble(row.get(key));
        assertTrue(v >= 0 && Double.isFinite(v), key + "=" + v);
      }
      assertTrue(Double.parseDouble(row.get("detect")) > 0, "the language is detected by default");
    }
    assertTrue(text.contains("whisper ratio batch3/batch1 files_per_s="), text);
    assertTrue(text.contains("whisper cpu batch=3 cpu_s_per_file="), text);
    assertTrue(text.matches("(?s).*whisper target best_batched_s_per_file=[0-9.]+ \\(batch 3, .* (MET|MISSED).*"),
        text);
  }

  @Test
  void aGivenLanguageSkipsDetection() {
    String text = run("--modelDir=" + BenchCorpus.root().resolve(TINY), "--steps=3", "--batches=2",
        "--rounds=1", "--threads=1", "--seconds=2", "--language=en");
    Map<String, String> row = keyValues(text.lines().filter(l -> l.startsWith("whisper batch=")).findFirst()
        .orElseThrow());
    assertEquals(0.0, Double.parseDouble(row.get("detect")));
    assertTrue(text.contains("whisper target best_batched_s_per_file="), text);
  }

  private static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      WhisperTranscribeThroughput.run(args, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The key=value tokens of a line; other tokens ("per_file_ms:", "(detect=..") are read leniently. */
  private static Map<String, String> keyValues(String line) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String token : line.substring("whisper ".length()).split(" ")) {
      String t = token.replaceAll("[(),;]", "");
      int eq = t.indexOf('=');
      if (eq > 0) {
        kv.put(t.substring(0, eq), t.substring(eq + 1));
      }
    }
    return kv;
  }
}
