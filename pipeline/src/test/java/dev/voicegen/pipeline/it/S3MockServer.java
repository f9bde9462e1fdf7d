package dev.voicegen.pipeline.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3 server process: Adobe S3Mock's executable jar with one bucket. Objects are put and
 * read with plain path-style HTTP (S3Mock does not check signatures), so the tests do not go
 * through the code they test.
 */
final class S3MockServer implements AutoCloseable {
  static final String BUCKET = "bucket1";
  /** A secret access key unique per test run, so that finding it in a log can only mean it was logged. */
  static final String SECRET = "itSecret" + UUID.randomUUID().toString().replace("-", "");
  /** The environment of a job that talks to the server: credentials with {@link #SECRET}, region. */
  static final Map<String, String> AWS_ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "voicegen-it",
          "AWS_SECRET_ACCESS_KEY", SECRET,
          "AWS_REGION", "us-east-1",
          "AWS_EC2_METADATA_DISABLED", "true");
  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private S3MockServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static S3MockServer start(Path workDir) throws IOException, InterruptedException {
    int port = ItEnvironment.freePort();
    int managementPort = ItEnvironment.freePort();
    Files.createDirectories(workDir);
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                ItEnvironment.s3mockJar().toString(),
                "--http.port=" + port,
                "--server.port=" + managementPort,
                "--com.adobe.testing.s3mock.store.root=" + workDir.resolve("store"),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("s3mock.log").toFile())
            .start();
    // a test JVM that dies without @AfterAll still takes the server with it
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    S3MockServer server = new S3MockServer(p, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("S3Mock exited; see " + workDir.resolve("s3mock.log"));
      }
      try {
        if (server.status("GET", "/" + BUCKET) == 200) {
          return server;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    server.close();
    throw new IOException("S3Mock did not answer within 120 s; see " + workDir.resolve("s3mock.log"));
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private int status(String method, String path) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(endpoint() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  void put(String key, byte[] bytes) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET + "/" + key))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    int code = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (code != 200) {
      throw new IOException("PUT " + key + ": HTTP " + code);
    }
  }

  void delete(String key) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET + "/" + key)).DELETE().build();
    int code = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (code != 204 && code != 200) {
      throw new IOException("DELETE " + key + ": HTTP " + code);
    }
  }

  byte[] get(String key) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET + "/" + key)).build();
    HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + key + ": HTTP " + resp.statusCode());
    }
    return resp.body();
  }

  /** Keys under {@code prefix} (folder markers ending in / left out). */
  List<String> list(String prefix) throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    String token = null;
    Pattern key = Pattern.compile("<Key>([^<]*)</Key>");
    Pattern next = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");
    do {
      String q = "/" + BUCKET + "?list-type=2&prefix=" + prefix
          + (token == null ? "" : "&continuation-token=" + java.net.URLEncoder.encode(token, "UTF-8"));
      HttpResponse<String> resp =
          http.send(HttpRequest.newBuilder(URI.create(endpoint() + q)).build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = key.matcher(resp.body());
      while (m.find()) {
        if (!m.group(1).endsWith("/")) {
          keys.add(m.group(1));
        }
      }
      Matcher n = next.matcher(resp.body());
      token = n.find() ? n.group(1) : null;
    } while (token != null);
    return keys;
  }

  /** Copies every object under {@code prefix} into {@code dir}, keeping the relative paths. */
  void download(String prefix, Path dir) throws IOException, InterruptedException {
    for (String k : list(prefix)) {
      Path target = dir.resolve(k.substring(prefix.length()));
      Files.createDirectories(target.getParent());
      Files.write(target, get(k));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
