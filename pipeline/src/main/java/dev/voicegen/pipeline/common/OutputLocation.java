package dev.voicegen.pipeline.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a path really is, links resolved, so that "is this file inside --output" is answered for
 * the file the job would touch, not for the spelling of its name.
 */
public final class OutputLocation {
  private OutputLocation() {}

  /**
   * The absolute, normalized path with every link in its existing part resolved (the part that
   * does not exist yet cannot be a link).
   */
  public static Path real(String path) {
    Path p = Path.of(path).toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(p)).normalize();
    } catch (IOException e) {
      return p; // unreadable on the way: the spelled path is the best answer there is
    }
  }

  /** Whether {@code file} lies inside the folder {@code root} (both local paths or both URIs). */
  public static boolean inside(String file, String root) {
    boolean fileUri = file.contains("://");
    if (fileUri != root.contains("://")) {
      return false;
    }
    if (!fileUri) {
      return real(file).startsWith(real(root));
    }
    String f = sameScheme(file);
    String r = sameScheme(root);
    return f.startsWith(r.endsWith("/") ? r : r + "/");
  }

  /** s3a:// and s3:// name the same objects. */
  private static String sameScheme(String uri) {
    return uri.startsWith("s3a://") ? "s3://" + uri.substring("s3a://".length()) : uri;
  }
}
