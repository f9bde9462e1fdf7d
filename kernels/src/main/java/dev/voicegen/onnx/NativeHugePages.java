package dev.voicegen.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether ONNX Runtime's native memory (weights, their prepacked copies, the KV cache) lies on
 * transparent huge pages, as a job's start line says it. ONNX Runtime allocates through glibc's
 * malloc, which asks the kernel for huge pages when {@code GLIBC_TUNABLES} holds
 * {@code glibc.malloc.hugetlb=1} and the kernel's THP mode is {@code madvise}; in mode {@code always}
 * every large allocation gets them, in {@code never} none. bin/voicegen sets the tunable
 * (bin/native-env.sh): on the development VM the full-size XTTS model loads in 7-10 s instead of 11-13 s.
 * The same line names malloc's mmap and trim thresholds when {@code GLIBC_TUNABLES} fixes them, as
 * bin/native-env.sh does (the model then loads ~1 s sooner on that VM), or says they are glibc's own.
 */
public final class NativeHugePages {
  static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
  private static final Pattern TUNABLE = tunablePattern("glibc.malloc.hugetlb");
  private static final Pattern MMAP_THRESHOLD = tunablePattern("glibc.malloc.mmap_threshold");
  private static final Pattern TRIM_THRESHOLD = tunablePattern("glibc.malloc.trim_threshold");
  private static final Pattern SELECTED = Pattern.compile("\\[(\\w+)]");

  private NativeHugePages() {}

  /** This process: its {@code GLIBC_TUNABLES} and the kernel's THP mode; then malloc's thresholds. */
  public static String describe() {
    String tunables = System.getenv("GLIBC_TUNABLES");
    return describe(tunables, thpMode(THP_MODE)) + "; " + mallocThresholds(tunables);
  }

  /** malloc's mmap and trim thresholds as {@code tunables} fix them, or glibc's own (adjusted as it runs). */
  static String mallocThresholds(String tunables) {
    String mmap = last(MMAP_THRESHOLD, tunables);
    String trim = last(TRIM_THRESHOLD, tunables);
    if (mmap == null && trim == null) {
      return "malloc thresholds: glibc's own (bin/native-env.sh fixes them)";
    }
    return "malloc thresholds: mmap " + (mmap == null ? "glibc's" : mmap) + ", trim " + (trim == null ? "glibc's" : trim);
  }

  /**
   * @param tunables the process's {@code GLIBC_TUNABLES}, or null
   * @param thpMode the kernel's THP mode ({@code always}, {@code madvise}, {@code never}), or null
   *     when the kernel does not say (not Linux, no THP)
   */
  static String describe(String tunables, String thpMode) {
    if (thpMode == null) {
      return "native huge pages: unknown (no " + THP_MODE + ")";
    }
    switch (thpMode) {
      case "always":
        return "native huge pages: on (THP always)";
      case "never":
        return "native huge pages: off (THP never)";
      case "madvise":
        String value = tunable(tunables);
        if (value != null && !value.equals("0")) {
          return "native huge pages: on (THP madvise, glibc.malloc.hugetlb=" + value + ")";
        }
        return "native huge pages: off (THP madvise; GLIBC_TUNABLES=glibc.malloc.hugetlb=1 turns them on,"
            + " as bin/voicegen does)";
      default:
        return "native huge pages: unknown (THP " + thpMode + ")";
    }
  }

  /** The value of {@code glibc.malloc.hugetlb} in {@code tunables}; null when absent. */
  static String tunable(String tunables) {
    return last(TUNABLE, tunables);
  }

  /** {@code name=digits} as one entry of a colon-separated {@code GLIBC_TUNABLES}; the digits its group 1. */
  private static Pattern tunablePattern(String name) {
    return Pattern.compile("(?:^|:)" + Pattern.quote(name) + "=(\\d+)");
  }

  /** The value the last match of {@code tunable} in {@code tunables} gives; null when none. */
  private static String last(Pattern tunable, String tunables) {
    if (tunables == null) {
      return null;
    }
    Matcher m = tunable.matcher(tunables);
    String value = null;
    while (m.find()) {
      value = m.group(1); // glibc takes the last one given
    }
    return value;
  }

  /** The selected mode in {@code file} ({@code always [madvise] never}); null when unreadable. */
  static String thpMode(Path file) {
    try {
      Matcher m = SELECTED.matcher(Files.readString(file));
      return m.find() ? m.group(1) : null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
