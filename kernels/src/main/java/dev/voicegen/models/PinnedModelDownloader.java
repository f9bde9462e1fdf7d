package dev.voicegen.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code models pull dnsmos|silero-vad}: downloads a {@link PinnedModelSource}'s files into a
 * staging folder beside the model directory, following redirects, and installs them only when
 * every one matches its pinned SHA-256; otherwise the staging folder is deleted and the model
 * directory is left as it was. Writes the licence note and a {@link ModelLock}, so {@code models
 * verify} re-checks them like any other pull.
 */
public final class PinnedModelDownloader {
  private static final Logger LOG = LogManager.getLogger(PinnedModelDownloader.class);

  private final HttpClient http;
  private final Consumer<String> progress;

  /** @param progress receives progress-bar lines (the CLI redraws them on stderr) */
  public PinnedModelDownloader(Duration connectTimeout, Consumer<String> progress) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.progress = progress;
  }

  /**
   * @throws ModelSourceOfflineException when the source cannot be reached
   * @throws ModelDownloadException when a file is missing there or does not match its pin
   */
  public ModelLock pull(PinnedModelSource source, Path dir) throws IOException {
    List<ModelFile> installed = installed(source, dir);
    if (installed == null) {
      installed = download(source, dir);
    } else {
      progress.accept(source.name() + ": up to date");
    }
    Files.writeString(
        dir.resolve(ModelLicense.NOTE_FILE),
        source.name() + " from " + source.page() + "\n" + source.license().id() + ": "
            + source.license().notice() + "\n");
    ModelLock lock =
        new ModelLock(
            source.name(), source.page().toString(), source.ref(), source.ref(),
            source.license().id(), installed);
    lock.write(dir);
    LOG.info("Pulled {} ({} files at {}) into {}", source.name(), installed.size(), source.ref(), dir);
    return lock;
  }

  /** The files as they are in {@code dir} when every one matches its pin, else null. */
  private static List<ModelFile> installed(PinnedModelSource source, Path dir) throws IOException {
    List<ModelFile> files = new ArrayList<>();
    for (PinnedModelSource.PinnedFile f : source.files()) {
      Path file = dir.resolve(f.local());
      if (!Files.isRegularFile(file) || !f.sha256().equals(Sha256.of(file))) {
        return null;
      }
      files.add(new ModelFile(f.local(), Files.size(file), f.sha256()));
    }
    return files;
  }

  private List<ModelFile> download(PinnedModelSource source, Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Path createdParent = Files.isDirectory(parent) ? null : parent;
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".pull-");
    boolean done = false;
    try {
      List<ModelFile> files = new ArrayList<>();
      for (PinnedModelSource.PinnedFile f : source.files()) {
        files.add(fetch(source, f, staging.resolve(f.local()), dir));
      }
      Files.createDirectories(dir);
      for (ModelFile f : files) {
        Files.move(staging.resolve(f.path()), dir.resolve(f.path()), StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      return files;
    } finally {
      deleteTree(staging);
      if (!done && createdParent != null) {
        deleteTree(createdParent);
      }
    }
  }

  private ModelFile fetch(PinnedModelSource source, PinnedModelSource.PinnedFile f, Path target, Path dir)
      throws IOException {
    URI uri = source.fileUri(f);
    HttpResponse<InputStream> response = send(source, uri, dir);
    if (response.statusCode() != 200) {
      response.body().close();
      throw new ModelDownloadException(uri + " answered HTTP " + response.statusCode()
          + "; nothing was installed in " + dir);
    }
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    ProgressBar bar = new ProgressBar(progress, f.local(), size, 0);
    MessageDigest sha = Sha256.digest();
    long got = 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        sha.update(buffer, 0, n);
        got += n;
        bar.update(got);
      }
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    if (!hash.equals(f.sha256())) {
      throw new ModelDownloadException(
          uri + ": SHA-256 " + hash + " is not the pinned " + f.sha256()
              + "; the download was refused and nothing was installed in " + dir);
    }
    return new ModelFile(f.local(), got, hash);
  }

  private HttpResponse<InputStream> send(PinnedModelSource source, URI uri, Path dir) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw offline(source, dir, e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnknownHostException
          || e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        throw offline(source, dir, e);
      }
      throw new ModelDownloadException(uri.getHost() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelDownloadException("interrupted while downloading " + source.name());
    }
  }

  private static ModelSourceOfflineException offline(PinnedModelSource source, Path dir, Exception e) {
    return new ModelSourceOfflineException(
        "cannot reach " + source.baseUrl() + " (" + e.getClass().getSimpleName() + "); "
            + source.byHand(dir.toString()),
        e);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
