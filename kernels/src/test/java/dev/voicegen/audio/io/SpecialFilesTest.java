package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that are not regular files are refused with their true reason before they are opened:
 * nothing blocks (a FIFO), never ends (/dev/zero) or passes for empty (/proc files).
 */
class SpecialFilesTest {
  @TempDir Path dir;

  /** Decodes with a deadline: a FIFO or device must be refused, not read. */
  private static NotAFileException refused(Path file) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(NotAFileException.class, () -> AudioDecoder.decode(file)));
  }

  static Path fifo(Path dir) throws IOException, InterruptedException {
    Path fifo = dir.resolve("pipe.wav");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(p.waitFor() == 0, "mkfifo failed");
    return fifo;
  }

  @Test
  void fifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = fifo(dir);
    NotAFileException e = refused(fifo);
    assertEquals(fifo + ": is a FIFO (named pipe)", e.getMessage());
    assertEquals("not_a_file", e.errorClass());
  }

  @Test
  void devicesAreCharacterDevicesNotEmptyFiles() {
    for (String device : new String[] {"/dev/zero", "/dev/urandom", "/dev/null"}) {
      NotAFileException e = refused(Path.of(device));
      assertEquals(device + ": is a character device", e.getMessage());
    }
  }

  @Test
  void procFilesAreNotEmptyFiles() {
    Path environ = Path.of("/proc/self/environ");
    assumeTrue(Files.exists(environ), "no /proc");
    NotAFileException e = refused(environ);
    assertTrue(e.getMessage().contains("is on the proc pseudo file system"), e.getMessage());
  }

  @Test
  void symbolicLinkLoopIsNamed() throws IOException {
    Path a = dir.resolve("a.wav");
    Path b = dir.resolve("b.wav");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    NotAFileException e = refused(a);
    assertEquals(a + ": symbolic link loop", e.getMessage());
    assertEquals("symlink_loop", e.errorClass());
  }

  @Test
  void brokenLinkAndDirectory() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("gone.wav"), dir.resolve("never-there.wav"));
    assertTrue(refused(link).getMessage().endsWith("(a broken link)"));
    assertEquals("missing_file", refused(link).errorClass());
    assertTrue(refused(dir).getMessage().endsWith("is a directory, not a file"));
  }

  @Test
  void socketIsNamed() throws IOException {
    Path socket = dir.resolve("voice.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertEquals(socket + ": is a socket", refused(socket).getMessage());
    }
  }

  @Test
  void unreadableFileIsPermissionDenied() throws IOException {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
    Path file = Files.write(dir.resolve("secret.wav"), new byte[] {'R', 'I', 'F', 'F'});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    NotAFileException e = refused(file);
    assertEquals(file + ": permission denied", e.getMessage());
    assertEquals("permission_denied", e.errorClass());
  }
}
