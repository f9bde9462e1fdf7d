package dev.voicegen.pipeline.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The loopback Flink session cluster of {@code run-configs/flink-cluster}, started and stopped
 * with its own start.sh / stop.sh on free ports, so a developer's cluster on 8081 is left alone.
 */
final class FlinkSessionCluster implements AutoCloseable {
  private final Path state;
  private final Map<String, String> env;
  private final int restPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private FlinkSessionCluster(Path state, Map<String, String> env, int restPort) {
    this.state = state;
    this.env = env;
    this.restPort = restPort;
  }

  /**
   * @param extraEnv environment of the cluster's processes (e.g. AWS credentials for s3a/s3)
   */
  static FlinkSessionCluster start(Path state, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    int rest = ItEnvironment.freePort();
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("VOICEGEN_JAR", ItEnvironment.jar().toString());
    env.put("FLINK_CLUSTER_DIR", state.toString());
    env.put("FLINK_REST_PORT", Integer.toString(rest));
    env.put("FLINK_RPC_PORT", Integer.toString(ItEnvironment.freePort()));
    env.put("FLINK_BLOB_PORT", Integer.toString(ItEnvironment.freePort()));
    FlinkSessionCluster cluster = new FlinkSessionCluster(state, env, rest);
    // a test JVM that dies without @AfterAll still stops the cluster
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    try {
      cluster.script("start.sh", "all");
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String master() {
    return "127.0.0.1:" + restPort;
  }

  Path logs() {
    return state.resolve("logs");
  }

  /** Adds a TaskManager; returns when it has registered. */
  void startTaskManager() throws IOException, InterruptedException {
    script("start.sh", "taskmanager");
  }

  /** SIGKILLs every running TaskManager, as a crashed machine would go. */
  List<Long> killTaskManagers() throws IOException {
    List<Long> killed = new ArrayList<>();
    for (Path pidFile : pidFiles("taskmanager-")) {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                h.destroyForcibly();
                h.onExit().join();
                killed.add(pid);
              });
      Files.delete(pidFile);
    }
    return killed;
  }

  /** GET on the REST API, e.g. {@code /jobs/overview}. */
  String rest(String path) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://" + master() + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + resp.statusCode() + " " + resp.body());
    }
    return resp.body();
  }

  /** The pids of the cluster's processes that are still alive. */
  List<Long> alivePids() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (Path f : pidFiles("")) {
      long pid = Long.parseLong(Files.readString(f).strip());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        pids.add(pid);
      }
    }
    return pids;
  }

  private List<Path> pidFiles(String prefix) throws IOException {
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (var files = Files.list(state)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().endsWith(".pid"))
          .toList();
    }
  }

  private void script(String name, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ItEnvironment.home().resolve("run-configs/flink-cluster/" + name).toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(state.getParent(), name, ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(name + " did not return within 180 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          name + " failed (" + p.exitValue() + "): " + Files.readString(out, StandardCharsets.UTF_8));
    }
  }

  /** stop.sh, then SIGKILL for anything still alive: no process outlives the tests. */
  @Override
  public void close() {
    try {
      script("stop.sh");
    } catch (IOException | RuntimeException e) {
      // fall through to the kill below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      for (long pid : alivePids()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException e) {
      // nothing left to read pids from
    }
  }
}
