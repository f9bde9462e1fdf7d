package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityScoreTest {
  /** A sample that passes every check. */
  private static final MeasuredAnalysis GOOD =
      new MeasuredAnalysis(-20.0, -3.0, -3.2, 45.0, 0.0, 0.0, 0.8, 0.0005, 11_000.0);

  @Test
  void goodSampleScores100WithNoAdvice() {
    QualityScore score = QualityScore.of(GOOD);
    assertEquals(100, score.score());
    assertEquals(List.of(), score.recommendations());
  }

  @Test
  void weightsSumTo100() {
    assertEquals(100, QualityScore.LOUDNESS_WEIGHT + QualityScore.TRUE_PEAK_WEIGHT
        + QualityScore.CLIPPING_WEIGHT + QualityScore.SNR_WEIGHT + QualityScore.BANDWIDTH_WEIGHT
        + QualityScore.SPEECH_WEIGHT + QualityScore.DC_WEIGHT);
  }

  @Test
  void eachCheckLosesItsWeightAtTheBadLimit() {
    assertScore(85, "too quiet", with(-36.0, -3.0, 0.0, 45.0, 11_000.0, 0.8, 0.0));
    assertScore(85, "too loud", with(-8.0, -3.0, 0.0, 45.0, 11_000.0, 0.8, 0.0));
    assertScore(90, "true peak", with(-20.0, 1.0, 0.0, 45.0, 11_000.0, 0.8, 0.0));
    assertScore(75, "clipping", with(-20.0, -3.0, 0.01, 45.0, 11_000.0, 0.8, 0.0));
    assertScore(75, "low SNR", with(-20.0, -3.0, 0.0, 10.0, 11_000.0, 0.8, 0.0));
    assertScore(90, "narrow bandwidth", with(-20.0, -3.0, 0.0, 45.0, 4_000.0, 0.8, 0.0));
    assertScore(90, "little speech", with(-20.0, -3.0, 0.0, 45.0, 11_000.0, 0.2, 0.0));
    assertScore(95, "DC offset", with(-20.0, -3.0, 0.0, 45.0, 11_000.0, 0.8, -0.05));
  }

  @Test
  void penaltiesRampLinearlyBetweenTheLimits() {
    // SNR 20 dB: half way from 30 (ok) to 10 (bad) -> 12.5 of 25 points
    assertEquals(88, QualityScore.of(with(-20.0, -3.0, 0.0, 20.0, 11_000.0, 0.8, 0.0)).score());
    // clipping 0.1 %: log10 ramp from 0.05 % to 1 %: log(2) / log(20) = 23 % of 25 points
    assertEquals(94, QualityScore.of(with(-20.0, -3.0, 0.001, 45.0, 11_000.0, 0.8, 0.0)).score());
    assertEquals(0.5, QualityScore.ramp(-31, -26, -36), 1e-12);
    assertEquals(0.0, QualityScore.ramp(-20, -26, -36), 1e-12);
    assertEquals(1.0, QualityScore.ramp(-50, -26, -36), 1e-12);
  }

  @Test
  void nothingMeasurableScoresZero() {
    MeasuredAnalysis nothing = new MeasuredAnalysis(null, null, null, null, null, null, null, null, null);
    QualityScore score = QualityScore.of(nothing);
    assertEquals(0, score.score());
    assertEquals(7, score.recommendations().size());
  }

  @Test
  void corpusClipsScoreAsTheirDefectsSay() {
    assertEquals(100, scoreOf("us_mono_44k.flac").score());
    QualityScore clipped = scoreOf("us_clipped_44k.flac");
    assertTrue(clipped.score() < 60, clipped.toString());
    assertTrue(clipped.recommendations().stream().anyMatch(r -> r.startsWith("clipping")), clipped.toString());
    QualityScore telephone = scoreOf("scot_telephone_44k.flac");
    assertEquals(90, telephone.score(), telephone.toString());
    assertTrue(telephone.recommendations().get(0).startsWith("narrow bandwidth"), telephone.toString());
    QualityScore noisy = scoreOf("us_pink5_44k.flac");
    assertTrue(noisy.recommendations().stream().anyMatch(r -> r.startsWith("low SNR")), noisy.toString());
    QualityScore quiet = scoreOf("gb_quiet_44k.flac");
    assertTrue(quiet.recommendations().get(0).startsWith("too quiet"), quiet.toString());
  }

  private static QualityScore scoreOf(String clip) {
    return QualityScore.of(MeasurementAnalyzer.measure(MeasureCorpus.clip(clip)));
  }

  private static MeasuredAnalysis with(
      Double lufs, Double truePeak, Double clipped, Double snr, Double bandwidth, Double speech, Double dc) {
    return new MeasuredAnalysis(lufs, truePeak, truePeak, snr, clipped, clipped, speech, dc, bandwidth);
  }

  private static void assertScore(int expected, String advicePrefix, MeasuredAnalysis analysis) {
    QualityScore score = QualityScore.of(analysis);
    assertEquals(expected, score.score(), score.toString());
    assertEquals(1, score.recommendations().size(), score.toString());
    assertTrue(score.recommendations().get(0).startsWith(advicePrefix), score.toString());
  }
}
