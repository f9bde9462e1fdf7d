package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the quality model directory: absent models give nulls, broken ones an error naming the file. */
class QualityModelsTest {
  @TempDir Path dir;

  @Test
  void absentModelsGiveNullsNotNumbers() {
    try (QualityModels m = QualityModels.load(dir.resolve("nothing-here"), OnnxSessions.Settings.defaults())) {
      assertFalse(m.hasDnsmos());
      assertFalse(m.hasVad());
      ClipQuality q = m.assess(AudioClip.mono(16_000, new float[16_000]));
      assertNull(q.dnsmos());
      assertNull(q.vad());
    }
  }

  @Test
  void theSharedModelsLoadAndScoreAResampledStereoClip() {
    AudioClip voice = SharedData.voice("ls_2033_2033-164914-0000.flac");
    float[] at44k = Resampler.resample(voice.channel(0), 16_000, 44_100);
    AudioClip stereo = new AudioClip(44_100, new float[][] {at44k, at44k});
    try (QualityModels m = QualityModels.load(SharedData.require(SharedData.MODELS), OnnxSessions.Settings.defaults())) {
      assertTrue(m.hasDnsmos() && m.hasVad());
      List<ClipQuality> q = m.assess(List.of(voice, stereo, AudioClip.mono(16_000, new float[0])));
      assertNotNull(q.get(0).dnsmos());
      assertNull(q.get(2).dnsmos(), "no samples, no window to score");
      assertTrue(q.get(2).vad().segments().isEmpty());
      assertEquals(q.get(0).vad().segments().size(), q.get(1).vad().segments().size());
      // the round trip through 44.1 kHz changes the samples a little, not the verdicts
      assertEquals(q.get(0).dnsmos().ovrl(), q.get(1).dnsmos().ovrl(), 0.05);
      assertEquals(q.get(0).dnsmos().p808(), q.get(1).dnsmos().p808(), 0.05);
      assertEquals(q.get(0).vad().speechSeconds(), q.get(1).vad().speechSeconds(), 0.1);
    }
  }

  @Test
  void aGraphThatIsNotTheModelIsAnErrorNamingTheFile() throws IOException {
    Path dnsmos = Files.createDirectories(dir.resolve("m/dnsmos"));
    // the VAD graph where the P.835 graph belongs: loads, but has the wrong tensors
    Files.copy(SharedData.require(SharedData.MODELS.resolve("silero-vad/silero_vad.onnx")),
        dnsmos.resolve(DnsmosModel.P835_FILE));
    Files.writeString(dnsmos.resolve(DnsmosModel.P808_FILE), "not a graph");
    ModelException e = assertThrows(ModelException.class,
        () -> QualityModels.load(dir.resolve("m"), OnnxSessions.Settings.defaults()));
    assertTrue(e.getMessage().contains(DnsmosModel.P835_FILE) && e.getMessage().contains("input_1"), e.getMessage());

    Files.copy(SharedData.MODELS.resolve("dnsmos/sig_bak_ovr.onnx"), dnsmos.resolve(DnsmosModel.P835_FILE),
        StandardCopyOption.REPLACE_EXISTING);
    e = assertThrows(ModelException.class,
        () -> QualityModels.load(dir.resolve("m"), OnnxSessions.Settings.defaults()));
    assertTrue(e.getMessage().contains(DnsmosModel.P808_FILE) && e.getMessage().contains("cannot load"), e.getMessage());
  }

  @Test
  void aHalfPresentModelIsAbsent() throws IOException {
    Path dnsmos = Files.createDirectories(dir.resolve("m/dnsmos"));
    Files.copy(SharedData.require(SharedData.MODELS.resolve("dnsmos/model_v8.onnx")), dnsmos.resolve(DnsmosModel.P808_FILE));
    assertEquals(List.of(DnsmosModel.P835_FILE), DnsmosModel.missingFiles(dnsmos));
    try (QualityModels m = QualityModels.load(dir.resolve("m"), OnnxSessions.Settings.defaults())) {
      assertFalse(m.hasDnsmos());
    }
  }
}
