package dev.voicegen.audio.measure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 0-100 quality score for a voice sample from its {@link MeasuredAnalysis}, with one
 * recommendation per check that loses points.
 *
 * <p>Each check has a weight (the weights sum to 100) and a penalty in [0, 1]: 0 inside the good
 * range, rising linearly to 1 at the bad limit, 1 beyond it and when the value is null (not
 * measurable). The score is {@code round(100 - sum(weight x penalty))}.
 *
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>check</th><th>weight</th><th>no penalty</th><th>full penalty</th></tr>
 *   <tr><td>loudness (integrated, LUFS)</td><td>15</td><td>-26 .. -14</td>
 *       <td>-36 or lower (too quiet); -8 or higher (too loud)</td></tr>
 *   <tr><td>true peak (dBTP)</td><td>10</td><td>-1 or lower (EBU R128 maximum)</td>
 *       <td>+1 or higher</td></tr>
 *   <tr><td>clipping (ratio of clipped samples)</td><td>25</td><td>0.05 % or less</td>
 *       <td>1 % or more; between, linear in log10 of the ratio</td></tr>
 *   <tr><td>SNR (WADA, dB)</td><td>25</td><td>30 or more</td><td>10 or less</td></tr>
 *   <tr><td>bandwidth (Hz)</td><td>10</td><td>7000 or more</td><td>4000 or less (telephone)</td></tr>
 *   <tr><td>speech ratio</td><td>10</td><td>0.5 or more</td><td>0.2 or less</td></tr>
 *   <tr><td>DC offset (|mean|, full scale 1)</td><td>5</td><td>0.005 or less</td>
 *       <td>0.05 or more</td></tr>
 * </table>
 *
 * @param score 0 (unusable) to 100 (no check lost points)
 * @param recommendations what to fix, one line per check that lost points, in the order above
 */
public record QualityScore(int score, List<String> recommendations) implements Serializable {
  static final int LOUDNESS_WEIGHT = 15;
  static final int TRUE_PEAK_WEIGHT = 10;
  static final int CLIPPING_WEIGHT = 25;
  static final int SNR_WEIGHT = 25;
  static final int BANDWIDTH_WEIGHT = 10;
  static final int SPEECH_WEIGHT = 10;
  static final int DC_WEIGHT = 5;

  static final double LUFS_QUIET_OK = -26;
  static final double LUFS_QUIET_BAD = -36;
  static final double LUFS_LOUD_OK = -14;
  static final double LUFS_LOUD_BAD = -8;
  // EBU R128: maximum permitted true peak level -1 dBTP
  static final double TRUE_PEAK_OK_DBTP = -1;
  static final double TRUE_PEAK_BAD_DBTP = 1;
  static final double CLIPPED_OK = 0.0005;
  static final double CLIPPED_BAD = 0.01;
  static final double SNR_OK_DB = 30;
  static final double SNR_BAD_DB = 10;
  static final double BANDWIDTH_OK_HZ = 7000;
  // telephone band: 8 kHz sampling, 4 kHz Nyquist
  static final double BANDWIDTH_BAD_HZ = 4000;
  static final double SPEECH_OK = 0.5;
  static final double SPEECH_BAD = 0.2;
  static final double DC_OK = 0.005;
  static final double DC_BAD = 0.05;

  public QualityScore {
    recommendations = List.copyOf(recommendations);
  }

  public static QualityScore of(MeasuredAnalysis a) {
    List<String> advice = new ArrayList<>();
    double lost = 0;

    Double lufs = a.integratedLufs();
    if (lufs == null) {
      lost += LOUDNESS_WEIGHT;
      advice.add("no measurable loudness (silence, or shorter than 0.4 s): record the voice again");
    } else if (lufs < LUFS_QUIET_OK) {
      lost += LOUDNESS_WEIGHT * ramp(lufs, LUFS_QUIET_OK, LUFS_QUIET_BAD);
      advice.add(format("too quiet: %.1f LUFS; raise the level to about -20 LUFS (good: -26 to -14)", lufs));
    } else if (lufs > LUFS_LOUD_OK) {
      lost += LOUDNESS_WEIGHT * ramp(lufs, LUFS_LOUD_OK, LUFS_LOUD_BAD);
      advice.add(format("too loud: %.1f LUFS; lower the level to about -20 LUFS (good: -26 to -14)", lufs));
    }

    Double truePeak = a.truePeakDbtp();
    if (truePeak == null) {
      lost += TRUE_PEAK_WEIGHT;
      advice.add("no signal: the true peak cannot be measured");
    } else if (truePeak > TRUE_PEAK_OK_DBTP) {
      lost += TRUE_PEAK_WEIGHT * ramp(truePeak, TRUE_PEAK_OK_DBTP, TRUE_PEAK_BAD_DBTP);
      advice.add(format("true peak %.1f dBTP is above -1 dBTP: leave headroom (limit or lower the gain)", truePeak));
    }

    Double clipped = a.clippedRatio();
    if (clipped == null) {
      lost += CLIPPING_WEIGHT;
      advice.add("empty clip: clipping cannot be measured");
    } else if (clipped > CLIPPED_OK) {
      double penalty = ramp(Math.log10(clipped), Math.log10(CLIPPED_OK), Math.log10(CLIPPED_BAD));
      lost += CLIPPING_WEIGHT * penalty;
      advice.add(format("clipping: %.2f %% of samples (%.2f s) are flattened at the peak; record with lower gain",
          100 * clipped, a.clippedDurationS() == null ? 0.0 : a.clippedDurationS()));
    }

    Double snr = a.snrDb();
    if (snr == null) {
      lost += SNR_WEIGHT;
      advice.add("no signal: the SNR cannot be estimated");
    } else if (snr < SNR_OK_DB) {
      lost += SNR_WEIGHT * ramp(snr, SNR_OK_DB, SNR_BAD_DB);
      advice.add(format("low SNR: %.1f dB; record in a quieter room or closer to the microphone (good: 30 dB or more)", snr));
    }

    Double bandwidth = a.bandwidthHz();
    if (bandwidth == null) {
      lost += BANDWIDTH_WEIGHT;
      advice.add("bandwidth cannot be measured (silence, or too short)");
    } else if (bandwidth < BANDWIDTH_OK_HZ) {
      lost += BANDWIDTH_WEIGHT * ramp(bandwidth, BANDWIDTH_OK_HZ, BANDWIDTH_BAD_HZ);
      advice.add(format("narrow bandwidth: energy stops at %.0f Hz (telephone or low-rate source); use a full-band recording", bandwidth));
    }

    Double speech = a.speechRatio();
    if (speech == null) {
      lost += SPEECH_WEIGHT;
      advice.add("too short to detect speech");
    } else if (speech < SPEECH_OK) {
      lost += SPEECH_WEIGHT * ramp(speech, SPEECH_OK, SPEECH_BAD);
      advice.add(format("little speech: %.0f %% of the clip; trim pauses or pick a recording with more speech", 100 * speech));
    }

    Double dc = a.dcOffset();
    if (dc == null) {
      lost += DC_WEIGHT;
      advice.add("empty clip: DC offset cannot be measured");
    } else if (Math.abs(dc) > DC_OK) {
      lost += DC_WEIGHT * ramp(Math.abs(dc), DC_OK, DC_BAD);
      advice.add(format("DC offset %.4f: apply a high-pass filter or remove the offset", dc));
    }

    int score = (int) Math.round(Math.max(0, 100 - lost));
    return new QualityScore(score, advice);
  }

  /** 0 at {@code ok}, 1 at {@code bad} (either side), linear between and clamped. */
  static double ramp(double value, double ok, double bad) {
    double t = (value - ok) / (bad - ok);
    return Math.max(0.0, Math.min(1.0, t));
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
