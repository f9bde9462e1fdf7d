package dev.voicegen.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.TestFiles;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models pull} against a real local HTTP server that serves the tiny XTTS fixture the way
 * the model hub does (a listing with sizes and SHA-256, files with HTTP Range).
 */
class ModelDownloaderTest {
  static final Path FIXTURE = Path.of("src/test/resources/xtts/tiny");

  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, byte[]> served = new HashMap<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private String listing;
  private URI base;
  private String repoPrefix = "/pltobing/XTTSv2-Streaming-ONNX/resolve/main/";

  @BeforeEach
  void serveFixture() throws IOException {
    serve(FIXTURE);
  }

  private void serve(Path fixture) throws IOException {
    if (server != null) {
      server.stop(0);
    }
    served.clear();
    ArrayNode list = new ObjectMapper().createArrayNode();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fixture)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = fixture.relativize(f).toString();
      byte[] bytes = Files.readAllBytes(f);
      served.put(rel, bytes);
      ObjectNode n = list.addObject();
      n.put("type", "file");
      n.put("path", rel);
      n.put("size", bytes.length);
      n.putObject("lfs").put("oid", sha(bytes)).put("size", bytes.length);
    }
    list.addObject().put("type", "file").put("path", "README.md").put("size", 3);
    listing = list.toString();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body;
    int status = 200;
    if (path.startsWith("/api/models/")) {
      body = listing.getBytes();
    } else {
      body = path.startsWith(repoPrefix) ? served.get(path.substring(repoPrefix.length())) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null) {
        ranges.add(path + " " + range);
        int from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
        body = Arrays.copyOfRange(body, from, body.length);
        status = 206;
      }
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private ModelDownloader downloader(List<String> progress) {
    return new ModelDownloader(Duration.ofSeconds(5), progress::add);
  }

  @Test
  void pullsEveryModelFileVerifiesAndRecordsTheLock() throws IOException {
    List<String> progress = new ArrayList<>();
    ModelLock lock = downloader(progress).pull(ModelSource.xttsV2(base), dir);
    assertEquals(served.size(), lock.files().size(), "README.md is not a model file");
    for (Map.Entry<String, byte[]> e : served.entrySet()) {
      assertTrue(Arrays.equals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey()))), e.getKey());
    }
    assertTrue(progress.stream().anyMatch(l -> l.contains("100%")), "a progress bar was drawn");
    assertEquals(List.of(), ModelDownloader.verify(dir));
    assertEquals(lock.files(), ModelLock.read(dir).files());
    // the pulled directory is a loadable model
    dev.voicegen.xtts.XttsModelDirectory.open(dir);
  }

  @Test
  void resumesAPartialDownload() throws IOException {
    String big = "gpt_model.onnx";
    byte[] bytes = served.get(big);
    Files.createDirectories(dir);
    Files.write(dir.resolve(big + ".part"), Arrays.copyOf(bytes, bytes.length / 2));
    downloader(new ArrayList<>()).pull(ModelSource.xttsV2(base), dir);
    assertEquals(List.of("/pltobing/XTTSv2-Streaming-ONNX/resolve/main/" + big + " bytes=" + bytes.length / 2 + "-"), ranges);
    assertTrue(Arrays.equals(bytes, Files.readAllBytes(dir.resolve(big))));
    assertFalse(Files.exists(dir.resolve(big + ".part")));
  }

  @Test
  void aCorruptedFileIsRejectedAndDeleted() throws IOException {
    byte[] good = served.get("vocab.json");
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x20;
    served.put("vocab.json", bad);
    ModelDownloadException e =
        assertThrows(ModelDownloadException.class, () -> downloader(new ArrayList<>()).pull(ModelSource.xttsV2(base), dir));
    assertTrue(e.getMessage().startsWith("vocab.json: SHA-256"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("vocab.json")));
    assertFalse(Files.exists(dir.resolve("vocab.json.part")));
  }

  @Test
  void verifyFindsAFileChangedAfterThePull() throws IOException {
    downloader(new ArrayList<>()).pull(ModelSource.xttsV2(base), dir);
    Path npy = dir.resolve("mel_stats.npy");
    byte[] bytes = Files.readAllBytes(npy);
    bytes[bytes.length - 1] ^= 1;
    Files.write(npy, bytes);
    Files.delete(dir.resolve("vocab.json"));
    List<String> problems = ModelDownloader.verify(dir);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("mel_stats.npy: SHA-256")));
    assertTrue(problems.stream().anyMatch(p -> p.equals("vocab.json: missing")));
  }

  @Test
  void pullsAWhisperModelInTheHuggingFaceLayout() throws IOException {
    repoPrefix = "/onnx-community/whisper-base/resolve/main/";
    serve(Path.of("src/test/resources/whisper/tiny"));
    ModelLock lock = downloader(new ArrayList<>()).pull(ModelSource.named("whisper-base", base), dir);
    assertEquals("whisper-base", lock.name());
    assertTrue(Files.isRegularFile(dir.resolve("onnx/decoder_model_merged.onnx")));
    assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
    assertEquals(List.of(), ModelDownloader.verify(dir));
    dev.voicegen.whisper.WhisperModel.load(dir).close();
  }

  /**
   * The export also publishes int8 graphs (and fp16, q4, ... variants): only --quantized pulls the
   * int8 pair, and nothing pulls the rest.
   */
  @Test
  void quantizedPullsTheInt8WhisperGraphsToo(@TempDir Path repo) throws IOException {
    repoPrefix = "/onnx-community/whisper-base/resolve/main/";
    TestFiles.copyTree(Path.of("src/test/resources/whisper/tiny"), repo);
    // stand-ins with the float weights: the same tensor names
    Files.copy(repo.resolve("onnx/encoder_model.onnx"), repo.resolve("onnx/encoder_model_quantized.onnx"));
    Files.copy(repo.resolve("onnx/decoder_model_merged.onnx"),
        repo.resolve("onnx/decoder_model_merged_quantized.onnx"));
    Files.copy(repo.resolve("onnx/encoder_model.onnx"), repo.resolve("onnx/encoder_model_fp16.onnx"));
    serve(repo);

    Path plain = dir.resolve("plain");
    downloader(new ArrayList<>()).pull(ModelSource.named("whisper-base", base), plain);
    assertFalse(Files.exists(plain.resolve("onnx/encoder_model_quantized.onnx")));

    Path int8 = dir.resolve("int8");
    ModelLock lock = downloader(new ArrayList<>()).pull(ModelSource.named("whisper-base", base, true), int8);
    assertEquals(7, lock.files().size(), lock.files().toString());
    assertTrue(Files.isRegularFile(int8.resolve("onnx/encoder_model_quantized.onnx")));
    assertTrue(Files.isRegularFile(int8.resolve("onnx/decoder_model_merged_quantized.onnx")));
    assertFalse(Files.exists(int8.resolve("onnx/encoder_model_fp16.onnx")));
    assertEquals(List.of(), ModelDownloader.verify(int8));
    dev.voicegen.whisper.WhisperModel.load(
            int8, dev.voicegen.whisper.WhisperModel.Settings.defaults().withQuantized(true))
        .close();

    assertThrows(IllegalArgumentException.class, () -> ModelSource.named("xtts-v2", base, true));
  }

  @Test
  void unknownModelNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ModelSource.named("whisper-huge", base));
  }

  @Test
  void offlineFailsAtOnceSayingWhereToPutTheFiles() {
    long start = System.nanoTime();
    ModelDownloadException e =
        assertThrows(
            ModelDownloadException.class,
            () -> downloader(new ArrayList<>()).pull(ModelSource.xttsV2(URI.create("http://127.0.0.1:9")), dir));
    assertTrue((System.nanoTime() - start) / 1e9 < 10, "fails at once");
    assertTrue(e.getMessage().contains("by hand into " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("models verify"), e.getMessage());
  }

  private static String sha(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
