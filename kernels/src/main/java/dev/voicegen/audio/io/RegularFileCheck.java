package dev.voicegen.audio.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Says why a local path cannot be read as a file, before it is opened: opening a FIFO blocks until
 * a writer comes, a device such as /dev/zero never ends, and the files of /proc report 0 bytes
 * whatever they hold. Each refusal names the true reason.
 */
public final class RegularFileCheck {
  /** File type bits of st_mode (POSIX sys/stat.h). */
  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  /** Linux pseudo file systems: their files' sizes say nothing of what reading them gives. */
  private static final Set<String> PSEUDO_FILE_SYSTEMS =
      Set.of("proc", "sysfs", "debugfs", "tracefs", "securityfs", "cgroup", "cgroup2",
          "configfs", "efivarfs", "pstore", "bpf", "fusectl");

  private RegularFileCheck() {}

  /**
   * @param source how error messages name the file
   * @throws NotAFileException when {@code file} is not a regular file this process can read
   */
  public static void require(Path file, String source) throws NotAFileException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(file)) {
        throw new NotAFileException(source, "is a symbolic link to a file that does not exist (a broken link)", "missing_file");
      }
      throw new NotAFileException(source, "no such file", "missing_file");
    } catch (AccessDeniedException e) {
      throw new NotAFileException(source, "permission denied", "permission_denied");
    } catch (FileSystemException e) {
      if (String.valueOf(e.getReason()).contains("symbolic links")) {
        // ELOOP: "Too many levels of symbolic links"
        throw new NotAFileException(source, "symbolic link loop", "symlink_loop");
      }
      throw new NotAFileException(source, "cannot be read: " + e.getReason(), "unreadable_file");
    } catch (IOException e) {
      throw new NotAFileException(source, "cannot be read: " + e.getMessage(), "unreadable_file");
    }
    if (attributes.isDirectory()) {
      throw new NotAFileException(source, "is a directory, not a file", "not_a_file");
    }
    if (!attributes.isRegularFile()) {
      throw new NotAFileException(source, specialKind(file), "not_a_file");
    }
    String store = fileStoreType(file);
    if (PSEUDO_FILE_SYSTEMS.contains(store)) {
      throw new NotAFileException(
          source, "is on the " + store + " pseudo file system, not a file of audio", "not_a_file");
    }
    if (!Files.isReadable(file)) {
      throw new NotAFileException(source, "permission denied", "permission_denied");
    }
  }

  /** "is a FIFO (named pipe)", "is a character device", ... from the file's mode. */
  private static String specialKind(Path file) {
    int type;
    try {
      type = ((Integer) Files.getAttribute(file, "unix:mode")) & S_IFMT;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "is not a regular file (a device, FIFO or socket)";
    }
    return switch (type) {
      case S_IFIFO -> "is a FIFO (named pipe)";
      case S_IFCHR -> "is a character device";
      case S_IFBLK -> "is a block device";
      case S_IFSOCK -> "is a socket";
      default -> "is not a regular file (mode " + Integer.toOctalString(type) + ")";
    };
  }

  private static String fileStoreType(Path file) {
    try {
      return Files.getFileStore(file).type();
    } catch (IOException e) {
      return "";
    }
  }
}
