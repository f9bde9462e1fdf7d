package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bin/bench-seed: voicegen's seed chain (decode, analyze, optimize, preprocess) against pydub
 * running the same seed code and against the closest SoX chain, on the same files, single-threaded.
 * The three are measured in alternating rounds of one run, so load from other processes hits all of
 * them alike; ratios are taken per round and summarised by their median.
 *
 * <pre>
 * SeedChainComparison [FOLDER] [--rounds=3] [--java-passes=10] [--sox-passes=3] [--warmup-s=5]
 * </pre>
 */
public final class SeedChainComparison {
  // targets of the benchmark issue
  private static final double TARGET_VS_PYDUB = 200;
  private static final double TARGET_VS_SOX = 1.5;

  private SeedChainComparison() {}

  public static void main(String[] args) throws IOException {
    Path folder = null;
    int rounds = 3;
    int javaPasses = 10;
    int soxPasses = 3;
    double warmupS = 5;
    for (String a : args) {
      if (a.startsWith("--rounds=")) {
        rounds = Integer.parseInt(a.substring(9));
      } else if (a.startsWith("--java-passes=")) {
        javaPasses = Integer.parseInt(a.substring(14));
      } else if (a.startsWith("--sox-passes=")) {
        soxPasses = Integer.parseInt(a.substring(13));
      } else if (a.startsWith("--warmup-s=")) {
        warmupS = Double.parseDouble(a.substring(11));
      } else if (a.startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + a);
      } else {
        folder = Path.of(a);
      }
    }
    Path root = BenchCorpus.root();
    if (folder == null) {
      folder = root.resolve(BenchCorpus.SEED_CLIPS);
    }
    List<Path> files = BenchCorpus.audioFiles(folder.toAbsolutePath().normalize());
    double audioS = 0;
    for (Path f : files) {
      audioS += duration(f);
    }
    Path script = root.resolve("benchmarks/seed_chain_pydub.py");
    Path work = ReferenceSeedChains.tempDir();
    try {
      compare(files, folder, audioS, script, ReferenceSeedChains.soxScripts(files, work),
          rounds, javaPasses, soxPasses, warmupS);
    } finally {
      ReferenceSeedChains.deleteWorkDir(work);
    }
  }

  private static void compare(List<Path> files, Path folder, double audioS, Path script, Path[] soxScripts,
      int rounds, int javaPasses, int soxPasses, double warmupS) {

    System.out.printf(Locale.ROOT, "bench-seed: %d files, %.1f s of audio, in %s%n", files.size(), audioS, folder);
    System.out.printf(Locale.ROOT, "load average at start: %s (shared cores: read the ratios, taken per round)%n",
        loadAverage());
    System.out.printf(Locale.ROOT, "each round: java %d passes (median), pydub 1 pass, sox %d passes (median);"
        + " %d rounds%n", javaPasses, soxPasses, rounds);

    JavaSeedChain java = new JavaSeedChain(files);
    long warmEnd = System.nanoTime() + (long) (warmupS * 1e9);
    int warmPasses = 0;
    while (System.nanoTime() < warmEnd || warmPasses < 3) {
      java.pass(new JavaSeedChain.StageNanos());
      warmPasses++;
    }
    System.out.printf(Locale.ROOT, "java warm-up: %d passes%n", warmPasses);

    double[] javaS = new double[rounds];
    double[] pydubS = new double[rounds];
    double[] soxS = new double[rounds];
    double[] soxStartupS = new double[rounds];
    JavaSeedChain.StageNanos stages = new JavaSeedChain.StageNanos();
    Map<Path, ReferenceSeedChains.PydubFile> pydubAnswers = null;
    for (int r = 0; r < rounds; r++) {
      double[] passes = new double[javaPasses];
      for (int p = 0; p < javaPasses; p++) {
        JavaSeedChain.StageNanos pass = new JavaSeedChain.StageNanos();
        java.pass(pass);
        passes[p] = pass.total() / 1e9;
        stages.add(pass);
      }
      javaS[r] = median(passes);
      pydubAnswers = ReferenceSeedChains.pydub(script, files);
      pydubS[r] = pydubAnswers.values().stream().mapToDouble(ReferenceSeedChains.PydubFile::seconds).sum();
      double[] sox = new double[soxPasses];
      double[] startup = new double[soxPasses];
      for (int p = 0; p < soxPasses; p++) {
        sox[p] = ReferenceSeedChains.timeScript(soxScripts[0]) / 1e9;
        startup[p] = ReferenceSeedChains.timeScript(soxScripts[1]) / 1e9;
      }
      soxS[r] = median(sox);
      soxStartupS[r] = median(startup);
      System.out.printf(Locale.ROOT, "round %d: java %.4f s  pydub %.3f s  sox %.4f s (start-up %.4f s)"
          + "  java/pydub %.0fx  java/sox %.2fx  load %s%n", r + 1, javaS[r], pydubS[r], soxS[r],
          soxStartupS[r], pydubS[r] / javaS[r], soxS[r] / javaS[r], loadAverage());
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "%-26s %10s %10s %12s%n", "per pass over the folder", "seconds", "files/s", "audio-s/s");
    row("java (voicegen, 1 thread)", median(javaS), files.size(), audioS);
    row("pydub (python3-pydub)", median(pydubS), files.size(), audioS);
    row("sox (3 processes a file)", median(soxS), files.size(), audioS);
    row("sox minus process start", median(soxS) - median(soxStartupS), files.size(), audioS);
    double[] vsPydub = new double[rounds];
    double[] vsSox = new double[rounds];
    double[] vsSoxWork = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      vsPydub[r] = pydubS[r] / javaS[r];
      vsSox[r] = soxS[r] / javaS[r];
      vsSoxWork[r] = (soxS[r] - soxStartupS[r]) / javaS[r];
    }
    System.out.println();
    ratio("ratio java/pydub", vsPydub, TARGET_VS_PYDUB);
    ratio("ratio java/sox", vsSox, TARGET_VS_SOX);
    ratio("ratio java/sox-minus-start", vsSoxWork, TARGET_VS_SOX);
    long total = stages.total();
    System.out.printf(Locale.ROOT, "java time by stage: decode %.1f %%, analyze %.1f %%, optimize %.1f %%,"
        + " preprocess %.1f %%%n", 100.0 * stages.decode / total, 100.0 * stages.analyze / total,
        100.0 * stages.optimize / total, 100.0 * stages.preprocess / total);
    agreement(java, files, pydubAnswers);
    System.out.printf(Locale.ROOT, "(sink %d)%n", java.sink() & 1);
  }

  private static void row(String name, double seconds, int files, double audioS) {
    System.out.printf(Locale.ROOT, "%-26s %10.4f %10.1f %12.1f%n", name, seconds, files / seconds, audioS / seconds);
  }

  private static void ratio(String name, double[] perRound, double target) {
    double[] sorted = perRound.clone();
    Arrays.sort(sorted);
    double med = median(perRound);
    System.out.printf(Locale.ROOT, "%-28s median %8.2fx  (rounds: min %.2fx, max %.2fx)  target >= %sx: %s%n",
        name, med, sorted[0], sorted[sorted.length - 1], fmt(target), med >= target ? "MET" : "MISSED");
  }

  /** Prints whether Java and pydub reached the same score and output lengths for each file. */
  private static void agreement(JavaSeedChain java, List<Path> files, Map<Path, ReferenceSeedChains.PydubFile> pydub) {
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      JavaSeedChain.Outcome j = java.run(i, new JavaSeedChain.StageNanos());
      ReferenceSeedChains.PydubFile p = pydub.get(files.get(i));
      if (p == null || p.score() != j.score() || p.optimizedMs() != j.optimizedMs()
          || p.preprocessedMs() != j.preprocessedMs()) {
        differ.add(String.format(Locale.ROOT, "%s (java %s, pydub %s)", files.get(i).getFileName(), j, p));
      }
    }
    System.out.printf(Locale.ROOT, "same work: java and pydub agree on score and output lengths for %d of %d files%s%n",
        files.size() - differ.size(), files.size(), differ.isEmpty() ? "" : ": differ " + differ);
  }

  private static double duration(Path f) {
    try {
      AudioClip c = AudioDecoder.decode(f);
      return c.durationSeconds();
    } catch (AudioDecodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
