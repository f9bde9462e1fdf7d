package dev.voicegen.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code models pull}: resolves the source's revision to a commit, lists the files at that commit,
 * downloads the model's files into a directory with a progress bar, resumes a partial download
 * ({@code .part} files, HTTP Range, also through the hub's CDN redirects), checks every file's size
 * and SHA-256 against the listing, and records them and the commit in {@link ModelLock};
 * {@link #verify} re-checks later.
 */
public final class ModelDownloader {
  private static final Logger LOG = LogManager.getLogger(ModelDownloader.class);

  private final Duration connectTimeout;
  private final Consumer<String> progress;
  private final HubToken token;

  /** A downloader that sends no token (public repositories). */
  public ModelDownloader(Duration connectTimeout, Consumer<String> progress) {
    this(connectTimeout, progress, null);
  }

  /**
   * @param progress receives progress-bar lines (the CLI redraws them on stderr)
   * @param token the hub token for gated repositories, or null
   */
  public ModelDownloader(Duration connectTimeout, Consumer<String> progress, HubToken token) {
    this.connectTimeout = connectTimeout;
    this.progress = progress;
    this.token = token;
  }

  /**
   * Pulls every wanted file of {@code source} into {@code dir}; returns the lock it wrote.
   *
   * @throws GatedModelException when the hub refuses the files without (the right) token
   */
  public ModelLock pull(ModelSource source, Path dir) throws IOException {
    ModelHub hub = new ModelHub(connectTimeout, source, token, dir);
    if (token != null) {
      LOG.info("Using the Hugging Face {}", token);
    }
    String commit = hub.commit();
    Map<String, HubFile> wanted = select(source, hub.listing(commit));
    if (wanted.isEmpty()) {
      throw new ModelDownloadException(source.page() + " at " + commit + " lists no model files");
    }
    Files.createDirectories(dir);
    List<ModelFile> pulled = new ArrayList<>();
    for (Map.Entry<String, HubFile> e : wanted.entrySet()) {
      pulled.add(fetch(hub, commit, dir, e.getKey(), e.getValue()));
    }
    if (source.license() != null) {
      Files.writeString(
          dir.resolve(ModelLicense.NOTE_FILE),
          source.name() + " from " + source.page() + " at commit " + commit + "\n"
              + source.license().id() + ": " + source.license().notice() + "\n");
    }
    ModelLock lock =
        new ModelLock(
            source.name(), source.page().toString(), source.revision(), commit,
            source.license() == null ? null : source.license().id(), pulled);
    lock.write(dir);
    LOG.info("Pulled {} ({} files, commit {}) into {}", source.name(), pulled.size(), commit, dir);
    return lock;
  }

  /**
   * The model's files of a listing, by their path in the model directory: the source's folder
   * when the listing has it (its prefix stripped), else the root; external-data files only beside
   * their graph.
   */
  static Map<String, HubFile> select(ModelSource source, List<HubFile> listed) throws IOException {
    String folder = source.folder();
    boolean nested = !folder.isEmpty() && listed.stream().anyMatch(f -> f.path().startsWith(folder));
    Map<String, HubFile> picked = new LinkedHashMap<>();
    for (HubFile f : listed) {
      if (nested && !f.path().startsWith(folder)) {
        continue;
      }
      String local = nested ? f.path().substring(folder.length()) : f.path();
      if (!source.wanted().test(local)) {
        continue;
      }
      if (local.startsWith("/") || local.contains("..") || local.contains("\\")) {
        throw new ModelDownloadException("listing names a path outside the model directory: " + f.path());
      }
      picked.put(local, f);
    }
    picked.keySet().removeIf(
        p -> ModelSource.isExternalData(p) && !picked.containsKey(ModelSource.graphOf(p)));
    return picked;
  }

  /** A small file kept in git itself: its git blob id is the only checksum the listing gives. */
  private static boolean gitBlobMatches(HubFile listed, Path file) throws IOException {
    return listed.sha256() != null || listed.gitOid() == null || listed.gitOid().equals(GitBlobId.of(file));
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

  /**
   * @param local the file's path in the model directory
   * @param listed the file as listed (repository path, size, SHA-256)
   */
  private ModelFile fetch(ModelHub hub, String commit, Path dir, String local, HubFile listed)
      throws IOException {
    ModelFile file = new ModelFile(local, listed.size(), listed.sha256());
    Path target = dir.resolve(local);
    if (Files.isRegularFile(target) && Files.size(target) == file.size()) {
      String sha = Sha256.of(target);
      if (file.sha256() != null ? file.sha256().equals(sha) : gitBlobMatches(listed, target)) {
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
    HttpResponse<InputStream> response =
        hub.open(commit, listed.path(), have > 0 ? "bytes=" + have + "-" : null);
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
    if (!gitBlobMatches(listed, part)) {
      String id = GitBlobId.of(part);
      Files.delete(part);
      throw new ModelDownloadException(
          file.path() + ": git blob id " + id + " does not match the source's " + listed.gitOid()
              + "; the download is corrupt and was deleted");
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new ModelFile(file.path(), size, hash);
  }
}
