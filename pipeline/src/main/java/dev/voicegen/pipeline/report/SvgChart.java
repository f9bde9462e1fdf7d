package dev.voicegen.pipeline.report;

import java.util.List;
import java.util.Locale;

/** Small inline-SVG charts: no scripts, no fonts or files from anywhere else. */
final class SvgChart {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 220;
  private static final int LEFT = 48;
  private static final int BOTTOM = 36;
  private static final int TOP = 12;

  private SvgChart() {}

  /** One labelled bar. */
  record Bar(String label, double value) {}

  /** A histogram of {@code values} in {@code bins} equal bins between their min and max. */
  static String histogram(String title, String unit, double[] values, int bins) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return histogram(title, unit, values, bins, min, max);
  }

  /** A histogram over a fixed range; the end bins include values beyond it. */
  static String histogram(String title, String unit, double[] values, int bins, double min, double max) {
    if (values.length == 0) {
      return empty(title);
    }
    if (max == min) {
      max = min + 1;
    }
    long[] counts = new long[bins];
    for (double v : values) {
      // a value outside the range counts in the nearest end bin rather than failing the page
      int b = (int) Math.max(0, Math.min(bins - 1, Math.floor((v - min) / (max - min) * bins)));
      counts[b]++;
    }
    Bar[] bars = new Bar[bins];
    for (int i = 0; i < bins; i++) {
      double lo = min + (max - min) * i / bins;
      bars[i] = new Bar(i % Math.max(1, bins / 5) == 0 ? fmt(lo) : "", counts[i]);
    }
    return bars(title + " (" + unit + ", " + values.length + " values)", List.of(bars));
  }

  /** A vertical bar chart. */
  static String bars(String title, List<Bar> bars) {
    if (bars.isEmpty()) {
      return empty(title);
    }
    double max = 0;
    for (Bar b : bars) {
      max = Math.max(max, b.value());
    }
    if (max == 0) {
      max = 1;
    }
    int plotW = WIDTH - LEFT - 8;
    int plotH = HEIGHT - TOP - BOTTOM;
    double slot = (double) plotW / bars.size();
    StringBuilder s = open(title);
    axis(s, max, plotH);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double h = b.value() / max * plotH;
      double x = LEFT + i * slot + slot * 0.1;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b6ea5\">"
                  + "<title>%s: %s</title></rect>%n",
              x, TOP + plotH - h, slot * 0.8, h, escape(b.label()), fmt(b.value())));
      if (!b.label().isEmpty()) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                x + slot * 0.4, HEIGHT - BOTTOM + 14, escape(shorten(b.label()))));
      }
    }
    return s.append("</svg>\n").toString();
  }

  private static StringBuilder open(String title) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"%s\" class=\"chart\">%n<title>%s</title>%n",
            WIDTH, HEIGHT + 16, escape(title), escape(title)));
    s.append(
        String.format(
            "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">%s</text>%n",
            LEFT, HEIGHT + 12, escape(title)));
    return s;
  }

  private static void axis(StringBuilder s, double max, int plotH) {
    s.append(
        String.format(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
            LEFT, TOP, LEFT, TOP + plotH));
    s.append(
        String.format(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
            LEFT, TOP + plotH, WIDTH - 8, TOP + plotH));
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = TOP + plotH - (double) plotH * i / 4;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
              LEFT - 4, y + 3, fmt(v)));
    }
  }

  private static String empty(String title) {
    return open(title).append("<text x=\"60\" y=\"100\" font-size=\"12\">no data</text></svg>\n").toString();
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
  }

  private static String shorten(String label) {
    return label.length() <= 14 ? label : label.substring(0, 13) + "…";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
