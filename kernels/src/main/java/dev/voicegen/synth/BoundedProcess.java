package dev.voicegen.synth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an engine's program with a deadline and a size cap on the file it writes, whatever it does:
 * its console output is read on a thread of its own (so a program that prints forever cannot keep
 * the caller reading past the deadline) and only its start is kept; the output file is watched
 * while the program runs and the program is killed, with its children, once the file grows past
 * the cap or the deadline passes.
 */
final class BoundedProcess {
  /** How much of the program's console output is kept for an error message. */
  static final int LOG_BYTES = 8 * 1024;
  /** How often the output file's size is checked. */
  private static final long POLL_MILLIS = 50;

  /** How a run ended. */
  enum End {
    EXITED,
    TIMED_OUT,
    OUTPUT_TOO_LARGE
  }

  /**
   * @param end how it ended
   * @param exitCode the program's exit status; -1 unless it exited
   * @param log the start of its console output (stdout and stderr), stripped
   */
  record Outcome(End end, int exitCode, String log) {}

  private final Duration timeout;
  private final long maxOutputBytes;

  BoundedProcess(Duration timeout, long maxOutputBytes) {
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
  }

  Duration timeout() {
    return timeout;
  }

  long maxOutputBytes() {
    return maxOutputBytes;
  }

  /**
   * Runs {@code command} with stdin closed and waits until it exits, passes the deadline, or makes
   * {@code output} larger than the cap; in the last two cases it is killed before this returns.
   */
  Outcome run(List<String> command, Path output) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    LogHead log = new LogHead(p.getInputStream());
    Thread reader = new Thread(log, "engine-output-" + p.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (size(output) > maxOutputBytes) {
          kill(p);
          return new Outcome(End.OUTPUT_TOO_LARGE, -1, log.text());
        }
        if (System.nanoTime() - deadline > 0) {
          kill(p);
          return new Outcome(End.TIMED_OUT, -1, log.text());
        }
      }
      if (size(output) > maxOutputBytes) {
        return new Outcome(End.OUTPUT_TOO_LARGE, p.exitValue(), log.text());
      }
      // the program has exited: its output pipe ends unless a child it left behind still holds it
      reader.join(1000);
      return new Outcome(End.EXITED, p.exitValue(), log.text());
    } finally {
      if (p.isAlive()) {
        kill(p); // interrupted while waiting
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // not created yet
    }
  }

  /** Kills the program and anything it started, and waits for the program to be gone. */
  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** Reads a stream to its end, keeping the first {@link #LOG_BYTES} bytes. */
  private static final class LogHead implements Runnable {
    private final InputStream in;
    private final byte[] head = new byte[LOG_BYTES];
    private int length;

    LogHead(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            int keep = Math.min(n, head.length - length);
            System.arraycopy(buffer, 0, head, length, keep);
            length += keep;
          }
        }
      } catch (IOException e) {
        // the pipe closes when the program is killed: what was kept is all there is
      }
    }

    synchronized String text() {
      return new String(head, 0, length, StandardCharsets.UTF_8).strip();
    }
  }
}
