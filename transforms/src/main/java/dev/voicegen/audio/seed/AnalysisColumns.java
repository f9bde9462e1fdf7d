package dev.voicegen.audio.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis columns, named as the {@code analyze --json} keys of product.md, shared by the
 * command line and the metadata Parquet so both say the same thing under the same name.
 */
public final class AnalysisColumns {
  /** Keys of measurement-grade values this build does not measure: always null, never made up. */
  public static final List<String> NOT_MEASURED =
      List.of(
          "integrated_lufs", "true_peak_dbtp", "snr_db", "clipped_ratio", "speech_ratio",
          "dc_offset", "bandwidth_hz");

  private AnalysisColumns() {}

  /** Column name to value (boxed; null when not measurable), in the contract's order. */
  public static Map<String, Object> of(SeedAnalysis a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("duration_s", a.durationS());
    m.put("sample_rate", a.sampleRate());
    m.put("channels", a.channels());
    m.put("speech_duration_s", a.speechDurationS());
    m.put("silence_duration_s", a.silenceDurationS());
    m.put("speech_segments", a.speechSegments());
    m.put("loudness_dbfs", a.loudnessDbfs());
    m.put("peak_dbfs", a.peakDbfs());
    for (String key : NOT_MEASURED) {
      m.put(key, null);
    }
    m.put("score", a.score());
    m.put("verdict", a.verdict());
    m.put("recommendations", a.recommendations());
    return m;
  }
}
