package dev.voicegen.xtts;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.OrtApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What the {@link BatchingProbe} found for a model, kept on disk so that the next load of the same
 * files on the same ONNX Runtime and device reads it instead of probing again (on the CPU the probe
 * is over a second of every load of the full-size model). A record is found only by its key: every
 * file of the model folder (relative path, size, modification time), the folder, the ONNX Runtime
 * version, its providers and library folder, the device, the int8 choice and the probe's own
 * version and tolerance. A changed, added or removed file, another runtime or another device finds
 * none, and the probe runs. A probe that throws (a graph that fails on a single row) stores nothing.
 *
 * <p>Records live in {@code $VOICEGEN_CACHE_DIR/xtts-probe}, else {@code
 * $XDG_CACHE_HOME/voicegen/xtts-probe}, else {@code ~/.cache/voicegen/xtts-probe}; deleting them
 * makes the next load probe. A folder that cannot be read or written costs a probe, never the load.
 */
final class ProbeRecords {
  private static final Logger LOG = LogManager.getLogger(ProbeRecords.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bump when the probe checks something else: older records then go unread. */
  static final int PROBE_VERSION = 1;

  private final Path dir;

  ProbeRecords(Path dir) {
    this.dir = dir;
  }

  /** The records folder of this user ({@code $VOICEGEN_CACHE_DIR} and the XDG rule above). */
  static ProbeRecords standard() {
    return new ProbeRecords(cacheRoot(System.getenv(), Path.of(System.getProperty("user.home")))
        .resolve("xtts-probe"));
  }

  /** voicegen's cache folder: {@code $VOICEGEN_CACHE_DIR}, else the XDG cache folder's voicegen. */
  static Path cacheRoot(Map<String, String> env, Path home) {
    String own = env.get("VOICEGEN_CACHE_DIR");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("voicegen");
  }

  Path folder() {
    return dir;
  }

  /**
   * The key of {@code root}'s files under {@code settings} on this JVM's ONNX Runtime: one line
   * per fact, readable in the record.
   */
  static String key(Path root, OnnxSessions.Settings settings) {
    List<String> lines = new ArrayList<>();
    lines.add("probe " + PROBE_VERSION + " tolerance " + BatchingProbe.TOLERANCE);
    lines.add("onnxruntime " + OrtEnvironment.getEnvironment().getVersion() + " providers "
        + new TreeSet<>(OrtEnvironment.getAvailableProviders()) + " library "
        + System.getProperty(OrtApi.NATIVE_PATH, "jar"));
    lines.add("device " + settings.device() + " int8 " + settings.int8());
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lines.add("folder " + real);
    try (Stream<Path> files = Files.walk(real)) {
      files.filter(Files::isRegularFile).sorted().forEach(f -> {
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          lines.add("file " + real.relativize(f) + " " + a.size() + " " + a.lastModifiedTime().toInstant());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return String.join("\n", lines);
  }

  /** The record stored under {@code key}, if any and readable. */
  Optional<BatchingProbe.Result> find(String key) {
    Path file = fileOf(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (!key.equals(n.path("key").asText(null))) {
        return Optional.empty();
      }
      List<String> checks = new ArrayList<>();
      n.path("checks").forEach(c -> checks.add(c.asText()));
      boolean on = n.path("on").asBoolean();
      String reason = n.path("reason").isTextual() ? n.path("reason").asText() : null;
      if (on == (reason != null)) {
        return Optional.empty(); // not a record this class wrote
      }
      return Optional.of(new BatchingProbe.Result(on, reason, List.copyOf(checks)));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Unreadable XTTS probe record {} ({}): probing", file, e.toString());
      return Optional.empty();
    }
  }

  /** Stores {@code result} under {@code key}; a folder that cannot be written is logged, not thrown. */
  void store(String key, BatchingProbe.Result result, long probeMs) {
    Path file = fileOf(key);
    ObjectNode n = JSON.createObjectNode();
    n.put("key", key);
    n.put("on", result.on());
    n.put("reason", result.reason());
    n.putPOJO("checks", result.checks());
    n.put("probe_ms", probeMs);
    n.put("probed_at", Instant.now().toString());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("Could not keep the XTTS probe's result in {} ({}): the next load probes again", dir, e.toString());
    }
  }

  private Path fileOf(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
