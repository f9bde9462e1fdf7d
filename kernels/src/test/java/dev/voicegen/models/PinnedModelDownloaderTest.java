package dev.voicegen.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models pull dnsmos|silero-vad} against {@link RawFileServer} serving the real model files
 * from ../shared/models in the layout of GitHub's raw host.
 */
class PinnedModelDownloaderTest {
  @TempDir Path work;
  private RawFileServer server;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    server = RawFileServer.servingTheQualityModels();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelLock pull(PinnedModelSource source, Path dir) throws IOException {
    return new PinnedModelDownloader(Duration.ofSeconds(5), progress::add).pull(source, dir);
  }

  @Test
  void theRightFilesAreInstalledWithLicenceAndLock() throws IOException {
    Path dir = work.resolve("models/dnsmos");
    ModelLock lock = pull(PinnedModelSource.dnsmos(server.base()), dir);
    for (String f : List.of("sig_bak_ovr.onnx", "model_v8.onnx")) {
      assertArrayEquals(Files.readAllBytes(RawFileServer.SHARED_MODELS.resolve("dnsmos/" + f)),
          Files.readAllBytes(dir.resolve(f)), f);
    }
    assertTrue(server.requests.contains(
        "/microsoft/DNS-Challenge/e14b010991d9d85c27070b79e34028bc60d789d6/DNSMOS/DNSMOS/sig_bak_ovr.onnx"),
        server.requests.toString());
    assertEquals(List.of(), ModelDownloader.verify(dir));
    assertEquals("CC-BY-4.0", lock.license());
    String note = Files.readString(dir.resolve(ModelLicense.NOTE_FILE));
    assertTrue(note.contains("CC-BY-4.0") && note.contains("creativecommons.org/licenses/by/4.0"), note);
    assertEquals(List.of(), leftovers(work.resolve("models"), "dnsmos"), "no staging folder left");

    Path vad = work.resolve("models/silero-vad");
    pull(PinnedModelSource.sileroVad(server.base()), vad);
    assertArrayEquals(Files.readAllBytes(RawFileServer.SHARED_MODELS.resolve("silero-vad/LICENSE")),
        Files.readAllBytes(vad.resolve("LICENSE")), "the MIT text travels with the model");
    assertTrue(Files.readString(vad.resolve(ModelLicense.NOTE_FILE)).contains("MIT"));
    assertEquals(List.of(), ModelDownloader.verify(vad));

    int before = server.requests.size();
    pull(PinnedModelSource.sileroVad(server.base()), vad);
    assertEquals(before, server.requests.size(), "a second pull of matching files downloads nothing");
    assertTrue(progress.contains("silero-vad: up to date"), progress.toString());
  }

  @Test
  void aCorruptedByteIsRefusedAndNothingIsLeftBehind() throws IOException {
    PinnedModelSource source = PinnedModelSource.dnsmos(server.base());
    // the second file is the bad one: the first, good, must not be installed either
    server.corrupt(source.fileUri(source.files().get(1)).getPath(), 1000);
    Path models = work.resolve("models");
    ModelDownloadException e =
        assertThrows(ModelDownloadException.class, () -> pull(source, models.resolve("dnsmos")));
    assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("nothing was installed"),
        e.getMessage());
    assertFalse(Files.exists(models), "the models folder did not exist before and must not now");
  }

  @Test
  void aCorruptedFileDoesNotTouchAnExistingInstallation() throws IOException {
    PinnedModelSource source = PinnedModelSource.sileroVad(server.base());
    Path dir = Files.createDirectories(work.resolve("models/silero-vad"));
    Files.writeString(dir.resolve("silero_vad.onnx"), "an older file the user keeps");
    server.corrupt(source.fileUri(source.files().get(0)).getPath(), 0);
    assertThrows(ModelDownloadException.class, () -> pull(source, dir));
    assertEquals("an older file the user keeps", Files.readString(dir.resolve("silero_vad.onnx")));
    assertEquals(List.of(), leftovers(dir.getParent(), "silero-vad"), "no staging folder left");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("silero_vad.onnx"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aRedirectIsFollowedToAMirror() throws IOException {
    // the default raw host answers with a redirect to a mirror path, as moved refs do
    PinnedModelSource source = PinnedModelSource.sileroVad(server.base());
    for (PinnedModelSource.PinnedFile f : source.files()) {
      String path = source.fileUri(f).getPath();
      server.redirect(path, "/mirror" + path);
      server.serve("/mirror" + path, RawFileServer.SHARED_MODELS.resolve("silero-vad").resolve(f.local()));
    }
    Path dir = work.resolve("silero-vad");
    pull(source, dir);
    assertEquals(List.of(), ModelDownloader.verify(dir));
    assertTrue(server.requests.stream().anyMatch(r -> r.startsWith("/mirror/")), server.requests.toString());
  }

  @Test
  void offlineFailsAtOnceSayingWhereToPutTheFiles() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    PinnedModelSource source = PinnedModelSource.dnsmos(URI.create("http://127.0.0.1:" + port));
    Path dir = work.resolve("models/dnsmos");
    long start = System.nanoTime();
    ModelDownloadException e = assertThrows(ModelDownloadException.class, () -> pull(source, dir));
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "offline must fail at once, not after retries");
    assertInstanceOf(ModelSourceOfflineException.class, e);
    assertFalse(e.getMessage().contains("\n"), "one line");
    assertTrue(e.getMessage().contains("by hand into " + dir) && e.getMessage().contains("sig_bak_ovr.onnx"),
        e.getMessage());
    assertFalse(Files.exists(work.resolve("models")));
  }

  /** Names in {@code parent} other than the model directory itself: staging folders left behind. */
  private static List<String> leftovers(Path parent, String model) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(model)).toList();
    }
  }
}
