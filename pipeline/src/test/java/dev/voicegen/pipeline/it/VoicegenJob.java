package dev.voicegen.pipeline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar voicegen.jar run ...} (or another command, {@link #command}) as its own process,
 * the way bin/voicegen runs it.
 */
final class VoicegenJob {
  /** The finished process: exit status and everything it printed. */
  record Result(int exitCode, String output) {}

  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new java.util.HashMap<>();
  private final Path log;

  /** {@code run} with {@code args}. */
  VoicegenJob(Path log, String heap, String... args) {
    this(log, heap, "run", List.of(args));
  }

  /** {@code transcribe} with {@code args}. */
  static VoicegenJob transcribe(Path log, String heap, String... args) {
    return command(log, heap, "transcribe", args);
  }

  private VoicegenJob(Path log, String heap, String name, List<String> args) {
    this.log = log;
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-Dvoicegen.home=" + ItEnvironment.home());
    command.add("-jar");
    command.add(ItEnvironment.jar().toString());
    command.add(name);
    command.addAll(args);
  }

  /** {@code java -Xmx<heap> -jar voicegen.jar <name> <args>}, e.g. analyze or preprocess. */
  static VoicegenJob command(Path log, String heap, String name, String... args) {
    return new VoicegenJob(log, heap, name, List.of(args));
  }

  VoicegenJob env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  VoicegenJob withoutEnv(String key) {
    environment.put(key, null);
    return this;
  }

  Process start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.directory(ItEnvironment.home().toFile());
    environment.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    Process p = pb.start();
    // a test JVM that dies mid-job still takes the job's process with it
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    return p;
  }

  Result run(long timeoutSeconds) throws IOException, InterruptedException {
    Process p = start();
    return await(p, timeoutSeconds);
  }

  Result await(Process p, long timeoutSeconds) throws IOException, InterruptedException {
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "voicegen did not finish within " + timeoutSeconds + " s; output:\n" + output());
      }
      return new Result(p.exitValue(), output());
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
