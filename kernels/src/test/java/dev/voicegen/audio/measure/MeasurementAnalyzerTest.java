package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class MeasurementAnalyzerTest {
  @Test
  void measuresEveryQuantityOfACorpusClip() {
    String name = "gb_stereo_48k.flac";
    MeasuredAnalysis a = MeasurementAnalyzer.measure(MeasureCorpus.clip(name));
    assertEquals(MeasureCorpus.number(name, "/ffmpeg/integratedLufs"), a.integratedLufs(), 0.1);
    assertEquals(MeasureCorpus.number(name, "/ffmpeg/truePeakDbtp"), a.truePeakDbtp(), 0.3);
    assertEquals(MeasureCorpus.number(name, "/numpy/samplePeakDbfs"), a.samplePeakDbfs(), 1e-3);
    assertEquals(MeasureCorpus.number(name, "/numpy/wadaSnrDb"), a.snrDb(), 0.5);
    assertEquals(MeasureCorpus.number(name, "/numpy/dcOffset"), a.dcOffset(), 1e-6);
    assertEquals(0.0, a.clippedRatio());
    assertEquals(0.0, a.clippedDurationS());
    assertTrue(a.speechRatio() > 0.6 && a.speechRatio() < 1, "speech ratio " + a.speechRatio());
    assertTrue(a.bandwidthHz() > 9_000, "bandwidth " + a.bandwidthHz());
  }

  @Test
  void digitalSilenceMeasuresNothingButZeros() {
    MeasuredAnalysis a = MeasurementAnalyzer.measure(MeasureCorpus.clip("silence_22k.flac"));
    assertNull(a.integratedLufs());
    assertNull(a.truePeakDbtp());
    assertNull(a.samplePeakDbfs());
    assertNull(a.snrDb());
    assertNull(a.bandwidthHz());
    assertEquals(0.0, a.clippedRatio());
    assertEquals(0.0, a.clippedDurationS());
    assertEquals(0.0, a.speechRatio());
    assertEquals(0.0, a.dcOffset());
  }

  @Test
  void emptyClipMeasuresNothing() {
    MeasuredAnalysis a = MeasurementAnalyzer.measure(AudioClip.mono(16_000, new float[0]));
    assertEquals(new MeasuredAnalysis(null, null, null, null, null, null, null, null, null), a);
  }

  @Test
  void analysisIsSerializable() throws Exception {
    MeasuredAnalysis a = MeasurementAnalyzer.measure(MeasureCorpus.clip("short_0.3s_22k.flac"));
    assertNull(a.integratedLufs(), "0.3 s is shorter than one loudness block");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
      out.writeObject(QualityScore.of(a));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(a, in.readObject());
      assertEquals(QualityScore.of(a), in.readObject());
    }
  }
}
