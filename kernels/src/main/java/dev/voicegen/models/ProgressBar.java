package dev.voicegen.models;

import java.util.Locale;
import java.util.function.Consumer;

/** A one-line text progress bar for a download, redrawn at most a few times a second. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final Consumer<String> sink;
  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private final long startBytes;
  private long lastDraw;

  ProgressBar(Consumer<String> sink, String label, long total, long startBytes) {
    this.sink = sink;
    this.label = label;
    this.total = total;
    this.startBytes = startBytes;
  }

  void update(long done) {
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS || done >= total) {
      lastDraw = now;
      sink.accept(render(done, now));
    }
  }

  String render(long done, long now) {
    double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = (done - startBytes) / seconds / (1 << 20);
    return String.format(
        Locale.ROOT,
        "%-28s [%s%s] %3.0f%% %8.1f/%.1f MB %6.1f MB/s",
        label.length() > 28 ? "..." + label.substring(label.length() - 25) : label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        fraction * 100,
        done / 1048576.0,
        total / 1048576.0,
        rate);
  }
}
