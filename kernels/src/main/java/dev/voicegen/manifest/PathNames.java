package dev.voicegen.manifest;

import java.util.regex.Pattern;

/**
 * The one rule for names that become parts of output paths (row ids, speaker ids) and for the
 * relative paths the writer joins under {@code --output}: the manifest refuses what the writer
 * would refuse, so a row fails at the manifest stage with a reason instead of at the write.
 */
public final class PathNames {
  /** Ids and speaker ids name files and folders, so they are restricted (product.md, Security). */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private PathNames() {}

  /**
   * Whether a relative path could leave the folder it is joined to: an absolute path, or {@code
   * ..} anywhere (a parent step, or a name like {@code a..b} that some stores resolve as one).
   */
  public static boolean stepsOut(String relative) {
    return relative.startsWith("/") || relative.contains("..");
  }

  /** Whether {@code name} may name a file or folder of the output. */
  public static boolean isName(String name) {
    return NAME_PATTERN.matcher(name).matches() && !stepsOut(name);
  }

  /** What a name must be, for messages. */
  public static String describe() {
    return "must match " + NAME_PATTERN.pattern() + " without '..'";
  }
}
