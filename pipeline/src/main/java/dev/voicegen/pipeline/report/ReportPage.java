package dev.voicegen.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.beam.common.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * report.html: a self-contained page (inline SVG and CSS, audio embedded as data URIs, no network)
 * with the quality score histogram, reference and output durations, DNSMOS OVRL of the outputs
 * (and of the references where the column exists), the attempts histogram, per-stage latency, failures
 * by stage and reason, and a few rows with audio players. When no row was cloned (espeak-ng, or a
 * dry run) a banner at the top says so, so that nobody takes the audio for the reference voices.
 */
public final class ReportPage {
  public static final String FILE = "report.html";
  /** Rows shown with a player; their audio is embedded, so the page stays self-contained. */
  static final int SAMPLE_ROWS = 6;
  /** Larger files are linked instead of embedded to keep the page small. */
  static final long MAX_EMBEDDED_BYTES = 2L << 20;

  private final List<Double> scores = new ArrayList<>();
  private final List<Double> referenceSeconds = new ArrayList<>();
  private final List<Double> outputSeconds = new ArrayList<>();
  private final List<Double> outputOvrl = new ArrayList<>();
  /** Reference DNSMOS OVRL by sample hash: rows share their reference's score. */
  private final Map<String, Double> referenceOvrl = new java.util.TreeMap<>();
  private final List<GenericRecord> sampleRows = new ArrayList<>();
  private long rows;
  private long clonedRows;

  /** The reference samples' DNSMOS OVRL, a column of the reference gates; drawn when present. */
  static final String REF_OVRL = "ref_dnsmos_ovrl";

  private ReportPage() {}

  private static boolean has(GenericRecord r, String column) {
    return r.getSchema().getField(column) != null;
  }

  /** Reads the dataset back and writes {@code report.html} into it. */
  public static void write(OutputLayout layout, JsonNode summary) throws IOException {
    ReportPage page = new ReportPage();
    DatasetReader.forEach(layout, OutputLayout.METADATA, page::add);
    page.sampleRows.sort(Comparator.comparing(r -> r.get("id").toString()));
    String html = page.render(layout, summary);
    try (OutputStream os =
        Channels.newOutputStream(FileSystems.create(layout.file(FILE), "text/html"))) {
      os.write(html.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void add(GenericRecord r) {
    rows++;
    // rows of a dataset written before the column existed (--resume) were not cloned either
    if (r.getSchema().getField("voice_cloned") != null && Boolean.TRUE.equals(r.get("voice_cloned"))) {
      clonedRows++;
    }
    scores.add(((Number) r.get("score")).doubleValue());
    referenceSeconds.add((Double) r.get("duration_s"));
    outputSeconds.add((Double) r.get("output_duration_s"));
    // columns a dataset of an older voicegen (--resume), or a dry run, may not have or fill
    if (has(r, "dnsmos_ovrl") && r.get("dnsmos_ovrl") != null) {
      outputOvrl.add((Double) r.get("dnsmos_ovrl"));
    }
    if (has(r, REF_OVRL) && r.get(REF_OVRL) != null) {
      referenceOvrl.put(r.get("reference_sha256").toString(), ((Number) r.get(REF_OVRL)).doubleValue());
    }
    // keep the first rows by id without holding the whole dataset
    sampleRows.add(r);
    if (sampleRows.size() > SAMPLE_ROWS * 4) {
      sampleRows.sort(Comparator.comparing(x -> x.get("id").toString()));
      sampleRows.subList(SAMPLE_ROWS, sampleRows.size()).clear();
    }
  }

  private String render(OutputLayout layout, JsonNode summary) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>voicegen report</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}\n")
        .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;")
        .append("padding:4px 8px;text-align:left;font-size:13px}\n")
        .append(".charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#666;font-size:13px}\n")
        .append(".banner{background:#fde2e1;border:2px solid #c0392b;padding:10px 14px;")
        .append("font-weight:bold}\n")
        .append("</style></head><body>\n");
    if (clonedRows == 0) {
      h.append("<p class=\"banner\" id=\"not-cloned\">No row was cloned: engine ")
          .append(SvgChart.escape(summary.path("engine").asText()))
          .append(" does not speak in the reference voices (voice_cloned=false in every row).")
          .append(" Run 'bin/voicegen models pull xtts-v2' and rerun for cloned voices.</p>\n");
    }
    h.append("<h1>voicegen report</h1>\n");
    h.append("<table><tr>");
    for (String k : new String[] {"rows_in", "rows_ok", "rows_failed", "rows_skipped", "wall_time_s"}) {
      h.append("<th>").append(k).append("</th>");
    }
    h.append("</tr><tr>");
    for (String k : new String[] {"rows_in", "rows_ok", "rows_failed", "rows_skipped", "wall_time_s"}) {
      h.append("<td>").append(SvgChart.escape(summary.path(k).asText())).append("</td>");
    }
    h.append("</tr></table>\n<p class=\"note\">engine: ")
        .append(SvgChart.escape(summary.path("engine").asText()))
        .append("; voice cloned in ").append(clonedRows).append(" of ").append(rows).append(" rows")
        .append("; model licence: ")
        .append(SvgChart.escape(summary.path("model_license").asText("none")))
        .append("</p>\n");

    h.append("<h2>Reference samples and outputs</h2>\n<div class=\"charts\">\n");
    h.append(SvgChart.histogram("Quality score of the reference", "0-100", array(scores), 10, 0, 100));
    h.append(SvgChart.histogram("Reference duration", "s", array(referenceSeconds), 12));
    h.append(SvgChart.histogram("Output duration", "s", array(outputSeconds), 12));
    h.append("</div>\n");
    quality(h, summary);
    h.append("<h2>Stage latency</h2>\n<div class=\"charts\">\n");
    List<SvgChart.Bar> p50 = new ArrayList<>();
    List<SvgChart.Bar> p95 = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("timing_ms").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      p50.add(new SvgChart.Bar(e.getKey(), e.getValue().path("p50").asDouble()));
      p95.add(new SvgChart.Bar(e.getKey(), e.getValue().path("p95").asDouble()));
    }
    h.append(SvgChart.bars("p50 latency per stage (ms)", p50));
    h.append(SvgChart.bars("p95 latency per stage (ms)", p95));
    h.append("</div>\n<h2>Failures</h2>\n<div class=\"charts\">\n");
    List<SvgChart.Bar> failures = new ArrayList<>();
    StringBuilder table = new StringBuilder("<table><tr><th>stage</th><th>reason</th><th>rows</th></tr>\n");
    for (JsonNode f : summary.path("failures")) {
      failures.add(new SvgChart.Bar(f.path("stage").asText() + ": " + f.path("reason").asText(), f.path("count").asDouble()));
      table.append("<tr><td>").append(SvgChart.escape(f.path("stage").asText()))
          .append("</td><td>").append(SvgChart.escape(f.path("reason").asText()))
          .append("</td><td>").append(f.path("count").asLong()).append("</td></tr>\n");
    }
    h.append(SvgChart.bars("Failed rows by stage and reason", failures)).append("</div>\n");
    h.append(table).append("</table>\n<p class=\"note\">Each failed row is in errors/part-*.parquet with its message.</p>\n");

    h.append("<h2>Sample rows</h2>\n<table><tr><th>id</th><th>language</th><th>speaker</th>")
        .append("<th>text</th><th>duration (s)</th><th>reference score</th><th>audio</th></tr>\n");
    for (GenericRecord r : sampleRows) {
      h.append("<tr><td>").append(SvgChart.escape(r.get("id").toString()))
          .append("</td><td>").append(SvgChart.escape(r.get("language").toString()))
          .append("</td><td>").append(SvgChart.escape(r.get("speaker_id").toString()))
          .append("</td><td>").append(SvgChart.escape(r.get("text").toString()))
          .append("</td><td>").append(SvgChart.fmt((Double) r.get("output_duration_s")))
          .append("</td><td>").append(r.get("score"))
          .append("</td><td>").append(player(layout, r.get("audio_filepath").toString()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  /** DNSMOS of outputs and references (1-5 MOS scale) and the rows kept at each attempt. */
  private void quality(StringBuilder h, JsonNode summary) {
    h.append("<h2>Quality and attempts</h2>\n<div class=\"charts\" id=\"quality\">\n");
    if (outputOvrl.isEmpty()) {
      h.append("<p class=\"note\">No output has a DNSMOS score (no DNSMOS model in --qualityModelDir,")
          .append(" or no audio).</p>\n");
    } else {
      // 0-5: the calibrated scores of noise go under the MOS scale's 1
      h.append(SvgChart.histogram("DNSMOS OVRL of the outputs", "MOS", array(outputOvrl), 20, 0, 5));
    }
    if (!referenceOvrl.isEmpty()) {
      h.append(
          SvgChart.histogram(
              "DNSMOS OVRL of the reference samples", "MOS",
              array(new ArrayList<>(referenceOvrl.values())), 20, 0, 5));
    }
    List<SvgChart.Bar> attempts = new ArrayList<>();
    List<Map.Entry<String, JsonNode>> counts = new ArrayList<>();
    summary.path("attempts").fields().forEachRemaining(counts::add);
    counts.sort(Comparator.comparingInt(e -> Integer.parseInt(e.getKey())));
    for (Map.Entry<String, JsonNode> e : counts) {
      attempts.add(new SvgChart.Bar(e.getKey(), e.getValue().asDouble()));
    }
    if (!attempts.isEmpty()) {
      h.append(SvgChart.bars("Rows kept at each attempt (--attempts)", attempts));
    }
    h.append("</div>\n");
    JsonNode q = summary.path("quality");
    if (q.size() > 0) {
      h.append("<table><tr><th>output score</th><th>rows</th><th>mean</th><th>p50</th><th>p95</th><th>max</th></tr>\n");
      q.fields().forEachRemaining(e -> {
        h.append("<tr><td>").append(SvgChart.escape(e.getKey())).append("</td><td>")
            .append(e.getValue().path("count").asLong()).append("</td>");
        for (String k : new String[] {"mean", "p50", "p95", "max"}) {
          h.append("<td>").append(SvgChart.fmt(e.getValue().path(k).asDouble())).append("</td>");
        }
        h.append("</tr>\n");
      });
      h.append("</table>\n");
    }
  }

  private static String player(OutputLayout layout, String relative) throws IOException {
    if (relative.isEmpty()) {
      return "(dry run: no audio)";
    }
    MatchResult.Metadata m = FileSystems.matchSingleFileSpec(layout.resolve(relative));
    if (m.sizeBytes() > MAX_EMBEDDED_BYTES) {
      return "<audio controls preload=\"none\" src=\"" + SvgChart.escape(relative) + "\"></audio>";
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(m.resourceId()))) {
      String data = Base64.getEncoder().encodeToString(in.readAllBytes());
      return "<audio controls preload=\"none\" src=\"data:audio/wav;base64," + data + "\"></audio>";
    }
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
