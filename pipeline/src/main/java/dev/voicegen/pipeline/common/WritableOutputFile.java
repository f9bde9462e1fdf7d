package dev.voicegen.pipeline.common;

import dev.voicegen.audio.io.NotAFileException;
import dev.voicegen.audio.io.RegularFileCheck;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The OUT of optimize, preprocess and clone, checked before the work starts. */
public final class WritableOutputFile {
  private WritableOutputFile() {}

  /**
   * The output file, checked before any work: it must be (or replace) a regular file in a folder
   * this process can write to. Writing into a FIFO or device would block or destroy it.
   *
   * @param what how the message names the argument, e.g. "preprocess OUT"
   */
  public static Path check(String what, String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path)) {
      try {
        RegularFileCheck.require(path, file);
      } catch (NotAFileException e) {
        throw new ConfigurationException(what + " " + e.getMessage());
      }
      throw new ConfigurationException(what + " " + file + ": not a regular file");
    }
    Path folder = path.getParent();
    if (!Files.isDirectory(folder)) {
      throw new ConfigurationException(what + " " + file + ": "
          + (Files.exists(folder) ? folder + " is not a folder" : "folder " + folder + " does not exist"));
    }
    if (Files.exists(path) && !Files.isWritable(path)) {
      throw new ConfigurationException(what + " " + file + ": permission denied");
    }
    try {
      // the one sure test of a folder's writability (read-only mounts, ACLs, root squash)
      Files.delete(Files.createTempFile(folder, ".voicegen-", ".tmp"));
    } catch (AccessDeniedException e) {
      throw new ConfigurationException(what + " " + file + ": permission denied in " + folder);
    } catch (FileSystemException e) {
      throw new ConfigurationException(what + " " + file + ": cannot write in " + folder + ": "
          + e.getReason());
    } catch (IOException e) {
      throw new ConfigurationException(what + " " + file + ": cannot write in " + folder + ": " + e);
    }
    return path;
  }
}
