package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} with the real quality models of the shared folder ({@code ../shared/models} from
 * the repository root) on real voices, checked against the shared goldens; and without them.
 */
class AnalyzeQualityTest {
  private static final Path SHARED = Path.of("../../shared").toAbsolutePath().normalize();
  private static final Path VOICES = SHARED.resolve("data/voices");
  private static final String SPEECH = "ls_2033_2033-164914-0000.flac";
  private static final String QUIET = "var_quiet.wav";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new VoicegenCli(new PrintStream(out, true), new PrintStream(err, true)).execute(args);
  }

  @Test
  void jsonCarriesDnsmosAndVadFromTheModelDirectory() throws IOException {
    assertTrue(Files.isDirectory(SHARED.resolve("models")), "the test needs ../shared/models");
    assertEquals(0, run("analyze", "--json", "--qualityModelDir=" + SHARED.resolve("models"),
        VOICES.resolve(SPEECH).toString(), VOICES.resolve(QUIET).toString()), err.toString());
    List<String> lines = out.toString().strip().lines().toList();
    assertEquals(2, lines.size(), out.toString());
    for (int i = 0; i < 2; i++) {
      String file = i == 0 ? SPEECH : QUIET;
      JsonNode a = new ObjectMapper().readTree(lines.get(i));
      assertTrue(a.has("quality_score") && a.has("speech_duration_s"), "the existing keys stay: " + a);
      List<String> dnsmos = golden("dnsmos.tsv", file);
      assertEquals(Double.parseDouble(dnsmos.get(1)), a.get("dnsmos_sig").asDouble(), 0.01, file);
      assertEquals(Double.parseDouble(dnsmos.get(2)), a.get("dnsmos_bak").asDouble(), 0.01, file);
      assertEquals(Double.parseDouble(dnsmos.get(3)), a.get("dnsmos_ovrl").asDouble(), 0.01, file);
      assertEquals(Double.parseDouble(dnsmos.get(4)), a.get("dnsmos_p808").asDouble(), 0.01, file);
      List<String> vad = golden("silero_vad.tsv", file);
      assertEquals(Double.parseDouble(vad.get(1)), a.get("vad_speech_s").asDouble(), 0.1, file);
      JsonNode want = new ObjectMapper().readTree(vad.get(2));
      assertEquals(want.size(), a.get("vad_segments").size(), a.toString());
      for (int s = 0; s < want.size(); s++) {
        assertEquals(want.get(s).get(0).asDouble(), a.get("vad_segments").get(s).get(0).asDouble(), 0.1);
        assertEquals(want.get(s).get(1).asDouble(), a.get("vad_segments").get(s).get(1).asDouble(), 0.1);
      }
    }
  }

  @Test
  void withoutModelsTheValuesAreNullAndTheTextSaysSo() throws IOException {
    Path voice = VOICES.resolve(QUIET);
    assertEquals(0, run("analyze", "--json", "--qualityModelDir=" + Path.of("no-such-models").toAbsolutePath(),
        voice.toString()));
    JsonNode a = new ObjectMapper().readTree(out.toString().strip());
    for (String key : List.of("dnsmos_sig", "dnsmos_bak", "dnsmos_ovrl", "dnsmos_p808", "vad_speech_s", "vad_segments")) {
      assertTrue(a.has(key) && a.get(key).isNull(), key + " in " + a);
    }
    out.reset();
    assertEquals(0, run("analyze", "--qualityModelDir=no-such-models", voice.toString()));
    assertTrue(out.toString().contains("DNSMOS          n/a (model not found)"), out.toString());
    assertTrue(out.toString().contains("Silero VAD      n/a (model not found)"), out.toString());
  }

  @Test
  void textShowsTheScores() {
    assertEquals(0, run("analyze", "--qualityModelDir=" + SHARED.resolve("models"), VOICES.resolve(QUIET).toString()));
    assertTrue(out.toString().matches("(?s).*DNSMOS +SIG \\d\\.\\d\\d, BAK \\d\\.\\d\\d, OVRL \\d\\.\\d\\d, P\\.808 \\d\\.\\d\\d.*"),
        out.toString());
    assertTrue(out.toString().contains("Silero VAD      0.3 s speech in 1 segments"), out.toString());
  }

  @Test
  void aBrokenModelStopsWithOneLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("silero-vad"));
    Files.writeString(dir.resolve("silero-vad/silero_vad.onnx"), "not a graph");
    assertEquals(2, run("analyze", "--json", "--qualityModelDir=" + dir, VOICES.resolve(QUIET).toString()));
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(err.toString().contains("silero_vad.onnx"), err.toString());
  }

  /** The golden row of {@code file}: its cells, the file name first. */
  private static List<String> golden(String table, String file) throws IOException {
    return Files.readAllLines(SHARED.resolve("goldens").resolve(table)).stream()
        .filter(l -> l.startsWith(file + "\t"))
        .map(l -> List.of(l.split("\t")))
        .findFirst()
        .orElseThrow();
  }
}
