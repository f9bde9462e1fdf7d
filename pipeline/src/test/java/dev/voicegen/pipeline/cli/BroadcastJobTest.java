package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --preprocess=broadcast, --outputLufs and --mfcc end to end. */
class BroadcastJobTest {
  @TempDir Path work;

  @Test
  void broadcastChainStepsLoudnessAndMfccAreInTheMetadata() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("bob_stereo.flac");
    f.demoVoice("carla_48k.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("b", 4, List.of("voices/bob_stereo.flac", "voices/carla_48k.wav")));
    Path manifest = f.csv("manifest.csv", csv);
    Path output = work.resolve("out");
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(new String[] {"run",
        "--manifest=" + manifest, "--output=" + output, "--engine=espeak",
        "--preprocess=broadcast", "--outputLufs=-20", "--mfcc=13"}));
    List<GenericRecord> rows = Datasets.metadata(output);
    assertEquals(4, rows.size());
    for (GenericRecord r : rows) {
      assertEquals("broadcast", str(r, "preprocess_mode"));
      List<?> steps = (List<?>) r.get("preprocess_steps");
      assertFalse(steps.isEmpty());
      assertTrue(steps.toString().contains("high-pass 70 Hz"), steps.toString());
      List<?> mfcc = (List<?>) r.get("mfcc");
      assertEquals(13, mfcc.size());
      assertTrue(((List<?>) mfcc.get(0)).size() > 10, "frames of the output");
      double lufs = (Double) r.get("output_lufs");
      double peak = (Double) r.get("output_true_peak_dbtp");
      assertTrue(Math.abs(lufs + 20) < 0.2 || (lufs < -20 && Math.abs(peak + 1) < 0.05), lufs + " " + peak);
    }
  }
}
