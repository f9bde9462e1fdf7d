package dev.voicegen.beam.common;

import dev.voicegen.manifest.PathNames;
import java.io.Serializable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where each output lives under {@code --output} (product.md, output layout). Every path handed
 * out is built from validated ids and codes, so nothing lands outside the output directory.
 */
public final class OutputLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String AUDIO = "audio";
  public static final String METADATA = "metadata";
  public static final String ERRORS = "errors";
  public static final String MANIFEST = "manifest.jsonl";
  public static final String SUMMARY = "summary.json";
  /** Working folders, removed when the job ends. */
  public static final String STATS = "_stats";
  public static final String TEMP = "_temp";
  public static final String RESUME = "_resume";
  /** Per-sample engine state kept between runs ({@code --cacheVoiceState}); not removed. */
  public static final String VOICE_STATE_CACHE = "cache/voice-state";

  private final String root;

  public OutputLayout(String root) {
    // "/" and "//" stay the file system root (and are refused), never "" (the current folder)
    String r = root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    if (!r.contains("://")) {
      r = java.nio.file.Path.of(r).toAbsolutePath().normalize().toString();
    }
    this.root = r;
  }

  public String root() {
    return root;
  }

  /** An absolute path or URI for a path relative to the root. */
  public String resolve(String relative) {
    // the manifest refuses ids and speaker ids by the same rule, before any row reaches here
    if (PathNames.stepsOut(relative)) {
      throw new IllegalArgumentException("output path escapes --output: " + relative);
    }
    return root + "/" + relative;
  }

  /**
   * Where an engine keeps its temporary files: {@link #TEMP} of a local output (removed with it
   * when the job ends); null for an object store, where the engine makes a private local folder.
   */
  public String engineTempFolder() {
    return root.contains("://") ? null : resolve(TEMP);
  }

  public ResourceId directory(String relative) {
    return FileSystems.matchNewResource(resolve(relative), true);
  }

  public ResourceId file(String relative) {
    return FileSystems.matchNewResource(resolve(relative), false);
  }

  /** {@code audio/<language>/<speaker_id>/<id>.<format>}, relative to the root. */
  public static String audioPath(String language, String speakerId, String id, String format) {
    return AUDIO + "/" + language + "/" + speakerId + "/" + id + "." + format;
  }
}
