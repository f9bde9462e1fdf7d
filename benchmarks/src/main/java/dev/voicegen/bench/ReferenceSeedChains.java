package dev.voicegen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The references bench-seed measures voicegen against, each on one thread: the pydub seed code
 * ({@code benchmarks/seed_chain_pydub.py}, timed inside Python) and the closest SoX command chain.
 */
final class ReferenceSeedChains {
  /** pydub's answer for one file and the seconds its work took (interpreter start-up excluded). */
  record PydubFile(double seconds, int score, long optimizedMs, long preprocessedMs) {}

  /**
   * The SoX equivalent of one file's seed chain: three single-threaded invocations.
   * analyze: {@code stats} (RMS and peak level, what dBFS and the loudness check use) then the
   * speech length after cutting 500 ms silences below -40 dB ({@code silence ... stat}).
   * optimize / preprocess: mono mix ({@code channels 1}), {@code rate 22050} (a no-op at 22050),
   * peak normalise to -0.1 dBFS, a compander with 5 ms attack / 50 ms release and 4:1 (3:1) above
   * -20 dB, silence removal (leading, and every pause of 1 s or more shortened to 1 s) and a 30 s cap.
   * Differences from the seed: SoX shortens long pauses to 1 s where strip_silence keeps about 2x
   * padding, its compander tracks the level with attack/decay time constants where the seed takes the
   * RMS of the 5 ms before each sample, and the cap keeps the first 30 s in both chains.
   */
  static List<List<String>> soxCommands(Path in, Path outDir) {
    String sox = "sox";
    String out = outDir.resolve("out.wav").toString();
    List<String> silence = List.of("silence", "-l", "1", "0.1", "-40d", "-1", "1.0", "-40d");
    List<List<String>> cmds = new ArrayList<>();
    cmds.add(List.of(sox, "--single-threaded", "-V1", in.toString(), "-n", "stats",
        "silence", "-l", "1", "0", "-40d", "-1", "0.5", "-40d", "stat"));
    for (String curve : List.of("-20,-20,0,-15", "-20,-20,0,-13.33")) { // 4:1 optimize, 3:1 preprocess
      List<String> c = new ArrayList<>(List.of(sox, "--single-threaded", "-V1", in.toString(), "-b", "16", out,
          "channels", "1", "rate", "22050", "norm", "-0.1", "compand", "0.005,0.05", curve));
      c.addAll(silence);
      c.addAll(List.of("trim", "0", "30"));
      cmds.add(c);
    }
    return cmds;
  }

  private ReferenceSeedChains() {}

  /** Runs the pydub chain once over every file; results by file, in order. */
  static Map<Path, PydubFile> pydub(Path script, List<Path> files) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--reps", "1"));
    files.forEach(f -> cmd.add(f.toString()));
    Map<Path, PydubFile> out = new LinkedHashMap<>();
    List<String> lines = runForOutput(cmd);
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length == 10 && f[0].equals("file")) {
        out.put(Path.of(f[1]), new PydubFile(Double.parseDouble(f[3]), Integer.parseInt(f[5]),
            Long.parseLong(f[7]), Long.parseLong(f[9])));
      }
    }
    if (out.size() != files.size()) {
      throw new IllegalStateException("pydub chain answered for " + out.size() + " of " + files.size()
          + " files:\n" + String.join("\n", lines));
    }
    return out;
  }

  /**
   * Writes the SoX chain over every file as one shell script (what a user would run), and a second
   * script with as many SoX invocations that do nothing: the process start-up part of the first.
   * Returns {chain script, start-up script}.
   */
  static Path[] soxScripts(List<Path> files, Path workDir) {
    StringBuilder chain = new StringBuilder("set -e\n");
    StringBuilder startup = new StringBuilder("set -e\n");
    for (Path f : files) {
      for (List<String> cmd : soxCommands(f, workDir)) {
        for (String arg : cmd) {
          chain.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        chain.append('\n');
        startup.append("sox -V1 -n -n trim 0 0\n");
      }
    }
    try {
      Path c = Files.writeString(workDir.resolve("sox-chain.sh"), chain);
      Path s = Files.writeString(workDir.resolve("sox-startup.sh"), startup);
      return new Path[] {c, s};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wall nanoseconds of {@code bash script}. */
  static long timeScript(Path script) {
    long t0 = System.nanoTime();
    runQuietly(List.of("bash", script.toString()));
    return System.nanoTime() - t0;
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("bench-seed-sox");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the files {@link #soxScripts} and the SoX chain wrote, and the folder. */
  static void deleteWorkDir(Path workDir) {
    try (var files = Files.list(workDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + workDir, e);
    }
  }

  private static void runQuietly(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException("exit " + rc + ": " + String.join(" ", cmd));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd.get(0) + " (Debian package sox)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> runForOutput(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException("exit " + rc + ": " + String.join(" ", cmd) + "\n" + String.join("\n", lines));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd.get(0) + " (needs Debian python3-pydub)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
