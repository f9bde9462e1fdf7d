package dev.voicegen.audio.measure;

import dev.voicegen.audio.seed.SeedAnalysis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis columns, named as the {@code analyze --json} keys of product.md, shared by the
 * command line and the metadata Parquet so both say the same thing under the same name.
 *
 * <p>{@code score}, {@code verdict} and {@code recommendations} are the seed's five checks, kept
 * as they were; {@code quality_score} and {@code quality_recommendations} come from the
 * measurement-grade analysis ({@link QualityScore} documents its checks and weights).
 */
public final class AnalysisColumns {
  private AnalysisColumns() {}

  /** Column name to value (boxed; null when not measurable), in the contract's order. */
  public static Map<String, Object> of(SeedAnalysis a, MeasuredAnalysis m, QualityScore q) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("duration_s", a.durationS());
    c.put("sample_rate", a.sampleRate());
    c.put("channels", a.channels());
    c.put("speech_duration_s", a.speechDurationS());
    c.put("silence_duration_s", a.silenceDurationS());
    c.put("speech_segments", a.speechSegments());
    c.put("loudness_dbfs", a.loudnessDbfs());
    c.put("peak_dbfs", a.peakDbfs());
    c.put("integrated_lufs", m == null ? null : m.integratedLufs());
    c.put("true_peak_dbtp", m == null ? null : m.truePeakDbtp());
    c.put("snr_db", m == null ? null : m.snrDb());
    c.put("clipped_ratio", m == null ? null : m.clippedRatio());
    c.put("speech_ratio", m == null ? null : m.speechRatio());
    c.put("dc_offset", m == null ? null : m.dcOffset());
    c.put("bandwidth_hz", m == null ? null : m.bandwidthHz());
    c.put("score", a.score());
    c.put("verdict", a.verdict());
    c.put("recommendations", a.recommendations());
    c.put("quality_score", q == null ? null : q.score());
    c.put("quality_recommendations", q == null ? List.of() : q.recommendations());
    return c;
  }
}
