package dev.voicegen.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code models pull}: downloads a model's files into a directory with a progress bar, resumes a
 * partial download ({@code .part} files, HTTP Range), checks every file's size and SHA-256 against
 * the source's listing, and records them in {@link ModelLock}; {@link #verify} re-checks later.
 */
public final class ModelDownloader {
  private static final Logger LOG = LogManager.getLogger(ModelDownloader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Consumer<String> progress;

  /**
   * @param progress receives progress-bar lines (the CLI redraws them on stderr)
   */
  public ModelDownloader(Duration connectTimeout, Consumer<String> progress) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.progress = progress;
  }

  /** Pulls every wanted file of {@code source} into {@code dir}; returns the lock it wrote. */
  public ModelLock pull(ModelSource source, Path dir) throws IOException {
    List<ModelFile> listed = listing(source, dir);
    if (listed.isEmpty()) {
      throw new ModelDownloadException(source.listingUri() + " lists no model files");
    }
    Files.createDirectories(dir);
    List<ModelFile> pulled = new ArrayList<>();
    for (ModelFile file : listed) {
      pulled.add(fetch(source, dir, file));
    }
    ModelLock lock = new ModelLock(source.name(), source.baseUrl().resolve("/" + source.repo()).toString(), source.revision(), pulled);
    lock.write(dir);
    LOG.info("Pulled {} ({} files) into {}", source.name(), pulled.size(), dir);
    return lock;
  }

  /** Problems of a pulled directory against its lock: missing files, wrong sizes or hashes. */
  public static List<String> verify(Path dir) throws IOException {
    ModelLock lock = ModelLock.read(dir);
    List<String> problems = new ArrayList<>();
    for (ModelFile f : lock.files()) {
      Path file = dir.resolve(f.path());
      if (!Files.isRegularFile(file)) {
        problems.add(f.path() + ": missing");
      } else if (Files.size(file) != f.size()) {
        problems.add(f.path() + ": " + Files.size(file) + " bytes, the lock says " + f.size());
      } else if (f.sha256() != null && !f.sha256().equals(Sha256.of(file))) {
        problems.add(f.path() + ": SHA-256 differs from the lock (" + f.sha256() + ")");
      }
    }
    return problems;
  }

  private List<ModelFile> listing(ModelSource source, Path dir) throws IOException {
    URI uri = source.listingUri();
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw offline(source, dir, e);
    } catch (IOException e) {
      if (e.getCause() instanceof java.net.UnknownHostException
          || e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        throw offline(source, dir, e);
      }
      throw new ModelDownloadException("listing " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelDownloadException("interrupted while listing " + uri);
    }
    if (response.statusCode() != 200) {
      throw new ModelDownloadException("listing " + uri + " answered HTTP " + response.statusCode());
    }
    List<ModelFile> files = new ArrayList<>();
    for (JsonNode n : JSON.readTree(response.body())) {
      String path = n.path("path").asText();
      if (!"file".equals(n.path("type").asText("file")) || !source.wanted().test(path)) {
        continue;
      }
      if (path.startsWith("/") || path.contains("..")) {
        throw new ModelDownloadException("listing names a path outside the model directory: " + path);
      }
      JsonNode lfs = n.path("lfs");
      String sha = lfs.isMissingNode() ? null : lfs.path("oid").asText(null);
      files.add(new ModelFile(path, n.path("size").asLong(), sha));
    }
    return files;
  }

  private ModelFile fetch(ModelSource source, Path dir, ModelFile file) throws IOException {
    Path target = dir.resolve(file.path());
    if (Files.isRegularFile(target) && Files.size(target) == file.size()) {
      String sha = Sha256.of(target);
      if (file.sha256() == null || file.sha256().equals(sha)) {
        progress.accept(file.path() + ": up to date");
        return new ModelFile(file.path(), file.size(), sha);
      }
    }
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    MessageDigest sha = Sha256.digest();
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (have > file.size()) {
      Files.delete(part);
      have = 0;
    }
    if (have > 0) {
      try (InputStream in = Files.newInputStream(part)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha.update(buffer, 0, n);
        }
      }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(source.fileUri(file.path())).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelDownloadException("interrupted while downloading " + file.path());
    }
    boolean resumed = response.statusCode() == 206;
    if (!resumed && response.statusCode() != 200) {
      response.body().close();
      throw new ModelDownloadException(file.path() + ": HTTP " + response.statusCode());
    }
    if (!resumed && have > 0) {
      LOG.info("{}: the server does not resume; downloading from the start", file.path());
      have = 0;
      sha.reset();
    }
    ProgressBar bar = new ProgressBar(progress, file.path(), file.size(), have);
    try (InputStream in = response.body();
        OutputStream out =
            Files.newOutputStream(
                part,
                StandardOpenOption.CREATE,
                resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[1 << 16];
      long done = have;
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        sha.update(buffer, 0, n);
        done += n;
        bar.update(done);
      }
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    long size = Files.size(part);
    if (size != file.size()) {
      throw new ModelDownloadException(
          file.path() + ": downloaded " + size + " bytes of " + file.size()
              + "; run 'bin/voicegen models pull' again to resume");
    }
    if (file.sha256() != null && !file.sha256().equals(hash)) {
      Files.delete(part);
      throw new ModelDownloadException(
          file.path() + ": SHA-256 " + hash + " does not match the source's " + file.sha256()
              + "; the download is corrupt and was deleted");
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new ModelFile(file.path(), size, hash);
  }

  private static ModelDownloadException offline(ModelSource source, Path dir, Exception e) {
    return new ModelDownloadException(
        "cannot reach " + source.baseUrl() + " (" + e.getClass().getSimpleName() + "); "
            + source.byHand(dir.toString()),
        e);
  }
}
