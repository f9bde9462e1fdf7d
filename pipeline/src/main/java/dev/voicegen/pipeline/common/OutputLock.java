package dev.voicegen.pipeline.common;

import dev.voicegen.beam.common.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One job at a time per output folder: a lock file holding the owner's pid and host, created
 * atomically on local disk. A lock left by a process that is gone (same host, pid not running) is
 * taken over; on an object store liveness cannot be checked, so any lock there is refused. Jobs
 * in one JVM also exclude each other by the folder's name, as their pid is the same.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".voicegen-lock";
  private static final Logger LOG = LogManager.getLogger(OutputLock.class);
  /** Output roots (local ones with links resolved) locked by jobs of this JVM. */
  private static final Set<String> HELD = new HashSet<>();

  private final String root;
  private final String lockFile;
  private final String token;

  private OutputLock(String root, String lockFile, String token) {
    this.root = root;
    this.lockFile = lockFile;
    this.token = token;
  }

  /**
   * Locks the output folder for this job, creating the folder when needed.
   *
   * @throws ConfigurationException when another job holds it
   */
  public static OutputLock acquire(String option, OutputLayout layout) throws IOException {
    // one folder under two spellings (a link) is one folder: a job of this JVM must see the other
    String root =
        layout.root().contains("://") ? layout.root() : OutputLocation.real(layout.root()).toString();
    synchronized (HELD) {
      if (!HELD.add(root)) {
        throw new ConfigurationException(
            option + " is in use by another job of this process; wait for it to end or name another folder");
      }
    }
    String lockFile = layout.resolve(FILE);
    String token = UUID.randomUUID().toString();
    boolean locked = false;
    try {
      byte[] content = content(token);
      if (root.contains("://")) {
        createOnStore(option, lockFile, content);
      } else {
        createLocal(option, Path.of(root), Path.of(lockFile), content);
      }
      locked = true;
      return new OutputLock(root, lockFile, token);
    } finally {
      if (!locked) {
        synchronized (HELD) {
          HELD.remove(root);
        }
      }
    }
  }

  /** Removes the lock if it is still this job's; the folder is free for the next job. */
  @Override
  public void close() throws IOException {
    try {
      if (token.equals(read(lockFile).getProperty("token"))) {
        FileSystems.delete(
            List.of(FileSystems.matchNewResource(lockFile, false)), StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    } finally {
      synchronized (HELD) {
        HELD.remove(root);
      }
    }
  }

  private static void createLocal(String option, Path root, Path lock, byte[] content) throws IOException {
    Files.createDirectories(root);
    try {
      Files.write(lock, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return;
    } catch (FileAlreadyExistsException e) {
      // fall through: whose is it?
    }
    Properties owner = read(lock.toString());
    if (!stale(owner)) {
      throw new ConfigurationException(
          option + " is in use by another voicegen job (" + describe(owner) + "); wait for it to end,"
              + " or if no job is running, remove " + lock);
    }
    LOG.warn("Taking over the lock of a job that is gone ({}): {}", describe(owner), lock);
    Files.deleteIfExists(lock);
    try {
      Files.write(lock, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new ConfigurationException(
          option + " was locked by another job starting at the same time; wait for it to end");
    }
  }

  private static void createOnStore(String option, String lock, byte[] content) throws IOException {
    MatchResult m = FileSystems.match(lock, EmptyMatchTreatment.ALLOW);
    if (m.status() == MatchResult.Status.OK && !m.metadata().isEmpty()) {
      throw new ConfigurationException(
          option + " is locked by a voicegen job (" + describe(read(lock)) + "); an object store"
              + " cannot tell whether that job still runs: if none does, delete " + lock);
    }
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(lock, false), "text/plain"))) {
      out.write(content);
    } catch (RuntimeException e) {
      // an object store's SDK reports a refusal (HTTP 403, an unknown bucket) unchecked
      throw new IOException(e.getMessage(), e);
    }
  }

  /** A lock of this host whose process is gone; one of this JVM that no job of it holds. */
  private static boolean stale(Properties owner) {
    if (!host().equals(owner.getProperty("host"))) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(owner.getProperty("pid", ""));
    } catch (NumberFormatException e) {
      return false;
    }
    if (pid == ProcessHandle.current().pid()) {
      return true; // HELD says no job of this JVM holds the folder: a crashed earlier job left it
    }
    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  private static String describe(Properties owner) {
    return "pid " + owner.getProperty("pid", "?") + " on host " + owner.getProperty("host", "?")
        + ", since " + owner.getProperty("started", "?");
  }

  private static byte[] content(String token) {
    return ("pid=" + ProcessHandle.current().pid() + "\nhost=" + host() + "\nstarted=" + Instant.now()
            + "\ntoken=" + token + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Properties read(String lock) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(lock, false)))) {
      p.load(in);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      // removed meanwhile: no owner
    }
    return p;
  }

  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }
}
