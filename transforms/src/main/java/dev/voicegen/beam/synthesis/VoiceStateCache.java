package dev.voicegen.beam.synthesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Engine state per reference sample (e.g. XTTS conditioning) kept on disk next to the outputs,
 * {@code <dir>/<model version>/<sha256>.bin}, so that reruns skip recomputing it. A damaged or
 * unreadable entry is recomputed, never trusted.
 */
final class VoiceStateCache implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(VoiceStateCache.class);

  private final String dir;

  VoiceStateCache(String dir) {
    this.dir = dir;
  }

  private ResourceId entry(String modelVersion, String sha256) {
    String model = modelVersion == null ? "default" : modelVersion.replaceAll("[^A-Za-z0-9._@-]", "_");
    return FileSystems.matchNewResource(dir + "/" + model + "/" + sha256 + ".bin", false);
  }

  Serializable read(String modelVersion, String sha256) {
    ResourceId id = entry(modelVersion, sha256);
    try {
      MatchResult m = FileSystems.match(List.of(id.toString())).get(0);
      if (m.status() != MatchResult.Status.OK || m.metadata().isEmpty()) {
        return null;
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(id));
          ObjectInputStream objects = new ObjectInputStream(in)) {
        return (Serializable) objects.readObject();
      }
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      LOG.warn("Voice-state cache entry {} is unreadable; recomputing it: {}", id, e.toString());
      return null;
    }
  }

  void write(String modelVersion, String sha256, Serializable state) {
    ResourceId id = entry(modelVersion, sha256);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, "application/octet-stream"));
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(state);
    } catch (IOException e) {
      LOG.warn("Could not cache the voice state at {}: {}", id, e.toString());
    }
  }
}
