package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.onnx.OnnxSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNSMOS on the 25 shared voices (20 LibriSpeech clips, 5 degraded ones) against goldens/dnsmos.tsv,
 * which dnsmos_local.py wrote: every column of every clip within 0.01, the same window count.
 */
class DnsmosGoldenTest {
  private static final double TOLERANCE = 0.01; // goldens/README.md: a port agrees within 0.01
  private static DnsmosModel model;

  @BeforeAll
  static void load() {
    model = DnsmosModel.load(SharedData.require(SharedData.MODELS.resolve("dnsmos")), OnnxSessions.Settings.defaults());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void everyClipAndColumnMatchesTheReferenceScript() {
    Map<String, Map<String, String>> golden = SharedData.table("dnsmos.tsv");
    assertEquals(25, golden.size());
    List<String> files = new ArrayList<>(golden.keySet());
    List<AudioClip> clips = files.stream().map(SharedData::voice).toList();
    List<DnsmosScore> scores = model.score(clips); // all 25 in one call: windows of many clips per batch
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Map<String, String> g = golden.get(files.get(i));
      DnsmosScore s = scores.get(i);
      double[] got = {s.sig(), s.bak(), s.ovrl(), s.p808(), s.sigRaw(), s.bakRaw(), s.ovrlRaw()};
      String[] columns = {"sig", "bak", "ovrl", "p808", "sig_raw", "bak_raw", "ovrl_raw"};
      for (int k = 0; k < columns.length; k++) {
        double want = Double.parseDouble(g.get(columns[k]));
        if (!(Math.abs(got[k] - want) <= TOLERANCE)) {
          mismatches.add(String.format("%s %s: %.4f, golden %.4f", files.get(i), columns[k], got[k], want));
        }
      }
      if (s.windows() != Integer.parseInt(g.get("windows"))) {
        mismatches.add(files.get(i) + " windows: " + s.windows() + ", golden " + g.get("windows"));
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  @Test
  void oneClipAloneScoresAsInABatch() {
    AudioClip clip = SharedData.voice("ls_1688_1688-142285-0000.flac");
    DnsmosScore alone = model.score(clip);
    DnsmosScore batched = model.score(List.of(SharedData.voice("var_quiet.wav"), clip)).get(1);
    assertEquals(alone.p808(), batched.p808(), 1e-4);
    assertEquals(alone.ovrlRaw(), batched.ovrlRaw(), 1e-4);
    assertEquals(6, alone.windows());
  }
}
