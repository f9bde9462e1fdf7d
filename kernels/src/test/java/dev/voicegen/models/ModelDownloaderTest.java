package dev.voicegen.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.TestFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models pull} against {@link FakeHub}, which serves the tiny XTTS fixture in the real
 * repository's layout: gated, the model under {@code xtts_onnx/} beside Python files, LFS files
 * redirected to a CDN on another host, a paged listing.
 */
class ModelDownloaderTest {
  static final Path FIXTURE = Path.of("src/test/resources/xtts/tiny");
  static final String REPO = "pltobing/XTTSv2-Streaming-ONNX";
  static final String COMMIT = "975b202585dea4ae6ca7f6118121cdf1011d7d28";
  static final HubToken GOOD = new HubToken(FakeHub.TOKEN, "$HF_TOKEN");

  @TempDir Path dir;
  private FakeHub hub;

  @BeforeEach
  void serveTheExport() throws IOException {
    hub = new FakeHub(REPO, true);
    hub.add(COMMIT, FIXTURE, "xtts_onnx/")
        .put(COMMIT, "xtts_onnx/gpt_model.onnx.data", "external weights of the GPT graph")
        .put(COMMIT, "xtts_onnx/orphan.onnx_data", "external weights of no graph here")
        .put(COMMIT, "xtts_onnx_orchestrator.py", "import onnxruntime\n")
        .put(COMMIT, "xtts_streaming_pipeline.py", "import numpy\n")
        .put(COMMIT, "README.md", "---\nlicense: other\n---\n")
        .put(COMMIT, ".gitattributes", "*.onnx filter=lfs\n")
        .branch("main", COMMIT);
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private ModelDownloader downloader(List<String> progress, HubToken token) {
    return new ModelDownloader(Duration.ofSeconds(5), progress::add, token);
  }

  private static List<String> fixtureFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(FIXTURE)) {
      return walk.filter(Files::isRegularFile).map(p -> FIXTURE.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void pullsTheNestedGatedExportIntoALoadableDirectory() throws IOException {
    List<String> progress = new ArrayList<>();
    ModelLock lock = downloader(progress, GOOD).pull(ModelSource.xttsV2(hub.base()), dir);

    List<String> expected = new ArrayList<>(fixtureFiles());
    expected.add("gpt_model.onnx.data");
    assertEquals(expected.stream().sorted().toList(),
        lock.files().stream().map(ModelFile::path).sorted().toList(),
        "xtts_onnx/ lands at the root; no Python, README or orphan external data");
    for (String f : expected) {
      assertTrue(Arrays.equals(hub.file(COMMIT, "xtts_onnx/" + f), Files.readAllBytes(dir.resolve(f))), f);
    }
    assertFalse(Files.exists(dir.resolve("xtts_onnx")));
    assertFalse(Files.exists(dir.resolve("xtts_onnx_orchestrator.py")));
    assertFalse(Files.exists(dir.resolve("orphan.onnx_data")));
    assertTrue(progress.stream().anyMatch(l -> l.contains("100%")), "a progress bar was drawn");
    assertEquals(List.of(), ModelDownloader.verify(dir));
    assertEquals(lock.files(), ModelLock.read(dir).files());
    assertEquals(COMMIT, ModelLock.read(dir).commit());
    assertEquals("CPML-1.0", ModelLock.read(dir).license());
    assertTrue(Files.readString(dir.resolve(ModelLicense.NOTE_FILE)).contains("non-commercial"));
    dev.voicegen.xtts.XttsModelDirectory.open(dir);

    // the token went to the hub only; the CDN got the signed URLs and no token
    assertFalse(hub.cdnRequests.isEmpty(), "LFS files came through the CDN redirect");
    assertTrue(hub.cdnRequests.stream().allMatch(r -> r.contains("auth=none")), hub.cdnRequests.toString());
    assertTrue(hub.hubRequests.stream().filter(r -> r.contains("/resolve/"))
        .allMatch(r -> r.contains("auth=Bearer " + FakeHub.TOKEN)), hub.hubRequests.toString());
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(FakeHub.TOKEN), f.toString());
      }
    }
  }

  @Test
  void withoutATokenTheGateStopsThePullSayingWhereToAcceptAndHowToGiveIt() {
    GatedModelException e = assertThrows(GatedModelException.class,
        () -> downloader(new ArrayList<>(), null).pull(ModelSource.xttsV2(hub.base()), dir));
    String m = e.getMessage();
    assertTrue(m.contains(hub.base() + "/" + REPO), m);
    assertTrue(m.contains("HTTP 401") && m.contains("no token was found"), m);
    assertTrue(m.contains("accept its terms") && m.contains("HF_TOKEN") && m.contains("huggingface-cli login"), m);
    assertFalse(m.contains("\n"), "one line");
  }

  @Test
  void aTokenOfAUserWhoDidNotAcceptIsRefusedWithoutShowingIt() {
    HubToken other = new HubToken("hf_someoneElse", "/home/u/.cache/huggingface/token");
    GatedModelException e = assertThrows(GatedModelException.class,
        () -> downloader(new ArrayList<>(), other).pull(ModelSource.xttsV2(hub.base()), dir));
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertTrue(e.getMessage().contains("token from /home/u/.cache/huggingface/token was refused"), e.getMessage());
    assertFalse(e.getMessage().contains("hf_someoneElse"), e.getMessage());
    assertFalse(other.toString().contains("hf_someoneElse"));
  }

  @Test
  void aListingWithTheModelAtTheRootWorksToo() throws IOException {
    hub.close();
    hub = new FakeHub(REPO, false);
    hub.add("c0ffee", FIXTURE, "").put("c0ffee", "loader.py", "pass\n").branch("main", "c0ffee");
    ModelLock lock = downloader(new ArrayList<>(), null).pull(ModelSource.xttsV2(hub.base()), dir);
    assertEquals(fixtureFiles(), lock.files().stream().map(ModelFile::path).sorted().toList());
    assertEquals("c0ffee", lock.commit());
    dev.voicegen.xtts.XttsModelDirectory.open(dir);
  }

  @Test
  void revisionPinsACommitAndEveryFileComesFromTheCommitTheBranchResolvedTo() throws IOException {
    String older = "1111111111111111111111111111111111111111";
    hub.add(older, FIXTURE, "xtts_onnx/").put(older, "xtts_onnx/vocab.json",
        Files.readString(FIXTURE.resolve("vocab.json")).replace("[START]", "[START]").concat(" "));
    ModelLock pinned =
        downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()).atRevision(older), dir.resolve("old"));
    assertEquals(older, pinned.revision());
    assertEquals(older, pinned.commit());
    assertTrue(Arrays.equals(hub.file(older, "xtts_onnx/vocab.json"),
        Files.readAllBytes(dir.resolve("old/vocab.json"))), "the pinned commit's vocab.json");

    hub.hubRequests.clear();
    ModelLock latest = downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()), dir.resolve("new"));
    assertEquals("main", latest.revision());
    assertEquals(COMMIT, latest.commit());
    assertTrue(hub.hubRequests.stream().filter(r -> r.contains("/resolve/") || r.contains("/tree/"))
        .allMatch(r -> r.contains(COMMIT)), "listing and files at the resolved commit: " + hub.hubRequests);

    ModelDownloadException unknown = assertThrows(ModelDownloadException.class,
        () -> downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()).atRevision("nope"), dir.resolve("x")));
    assertTrue(unknown.getMessage().contains("HTTP 404"), unknown.getMessage());
  }

  @Test
  void resumesAPartialDownloadThroughTheCdnRedirect() throws IOException {
    String big = "gpt_model.onnx";
    byte[] bytes = hub.file(COMMIT, "xtts_onnx/" + big);
    Files.createDirectories(dir);
    Files.write(dir.resolve(big + ".part"), Arrays.copyOf(bytes, bytes.length / 2));
    downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()), dir);
    List<String> ranged = hub.cdnRequests.stream().filter(r -> !r.endsWith("range=none")).toList();
    assertEquals(1, ranged.size(), hub.cdnRequests.toString());
    assertTrue(ranged.get(0).endsWith("range=bytes=" + bytes.length / 2 + "-"), ranged.get(0));
    assertTrue(Arrays.equals(bytes, Files.readAllBytes(dir.resolve(big))));
    assertFalse(Files.exists(dir.resolve(big + ".part")));
  }

  /** A kept .part whose bytes went bad: the resumed download must not pass the SHA-256 check. */
  @Test
  void aCorruptedDownloadIsRejectedAndDeleted() throws IOException {
    byte[] bad = hub.file(COMMIT, "xtts_onnx/mel_stats.npy").clone();
    bad[bad.length / 2] ^= 0x20;
    Files.createDirectories(dir);
    Files.write(dir.resolve("mel_stats.npy.part"), Arrays.copyOf(bad, bad.length - 3));
    ModelDownloadException e = assertThrows(ModelDownloadException.class,
        () -> downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()), dir));
    assertTrue(e.getMessage().startsWith("mel_stats.npy: SHA-256"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("mel_stats.npy")));
    assertFalse(Files.exists(dir.resolve("mel_stats.npy.part")));
  }

  /** vocab.json is kept in git, not LFS: the listing's git blob id is its only checksum. */
  @Test
  void aDamagedGitFileIsCaughtByItsBlobId() throws IOException {
    byte[] bad = hub.file(COMMIT, "xtts_onnx/vocab.json").clone();
    bad[bad.length / 2] ^= 0x20;
    hub.damage("xtts_onnx/vocab.json", bad);
    ModelDownloadException e = assertThrows(ModelDownloadException.class,
        () -> downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()), dir));
    assertTrue(e.getMessage().startsWith("vocab.json: git blob id"), e.getMessage());
    assertTrue(e.getMessage().contains(FakeHub.gitBlobId(hub.file(COMMIT, "xtts_onnx/vocab.json"))), e.getMessage());
    assertFalse(Files.exists(dir.resolve("vocab.json")));
    assertFalse(Files.exists(dir.resolve("vocab.json.part")));
  }

  @Test
  void theBlobIdIsGitsOwn() throws IOException {
    Path hello = Files.writeString(dir.resolve("hello"), "hello\n");
    // `printf 'hello\n' | git hash-object --stdin`
    assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", GitBlobId.of(hello));
  }

  @Test
  void verifyFindsAFileChangedAfterThePull() throws IOException {
    downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(hub.base()), dir);
    Path npy = dir.resolve("mel_stats.npy");
    byte[] bytes = Files.readAllBytes(npy);
    bytes[bytes.length - 1] ^= 1;
    Files.write(npy, bytes);
    Files.delete(dir.resolve("vocab.json"));
    List<String> problems = ModelDownloader.verify(dir);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("mel_stats.npy: SHA-256")));
    assertTrue(problems.stream().anyMatch(p -> p.equals("vocab.json: missing")));
  }

  @Test
  void pullsAWhisperModelInTheHuggingFaceLayout() throws IOException {
    try (FakeHub whisper = new FakeHub("onnx-community/whisper-base", false)) {
      whisper.add("abc", Path.of("src/test/resources/whisper/tiny"), "").branch("main", "abc");
      ModelLock lock = downloader(new ArrayList<>(), null).pull(ModelSource.named("whisper-base", whisper.base()), dir);
      assertEquals("whisper-base", lock.name());
      assertNull(lock.license());
      assertFalse(Files.exists(dir.resolve(ModelLicense.NOTE_FILE)));
      assertTrue(Files.isRegularFile(dir.resolve("onnx/decoder_model_merged.onnx")));
      assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
      assertEquals(List.of(), ModelDownloader.verify(dir));
      dev.voicegen.whisper.WhisperModel.load(dir).close();
    }
  }

  /**
   * The export also publishes int8 graphs (and fp16, q4, ... variants): only --quantized pulls the
   * int8 pair, and nothing pulls the rest.
   */
  @Test
  void quantizedPullsTheInt8WhisperGraphsToo(@TempDir Path repo) throws IOException {
    TestFiles.copyTree(Path.of("src/test/resources/whisper/tiny"), repo);
    // stand-ins with the float weights: the same tensor names
    Files.copy(repo.resolve("onnx/encoder_model.onnx"), repo.resolve("onnx/encoder_model_quantized.onnx"));
    Files.copy(repo.resolve("onnx/decoder_model_merged.onnx"),
        repo.resolve("onnx/decoder_model_merged_quantized.onnx"));
    Files.copy(repo.resolve("onnx/encoder_model.onnx"), repo.resolve("onnx/encoder_model_fp16.onnx"));
    try (FakeHub whisper = new FakeHub("onnx-community/whisper-base", false)) {
      whisper.add("abc", repo, "").branch("main", "abc");
      Path plain = dir.resolve("plain");
      downloader(new ArrayList<>(), null).pull(ModelSource.named("whisper-base", whisper.base()), plain);
      assertFalse(Files.exists(plain.resolve("onnx/encoder_model_quantized.onnx")));

      Path int8 = dir.resolve("int8");
      ModelLock lock = downloader(new ArrayList<>(), null).pull(ModelSource.named("whisper-base", whisper.base(), true), int8);
      assertEquals(7, lock.files().size(), lock.files().toString());
      assertTrue(Files.isRegularFile(int8.resolve("onnx/encoder_model_quantized.onnx")));
      assertTrue(Files.isRegularFile(int8.resolve("onnx/decoder_model_merged_quantized.onnx")));
      assertFalse(Files.exists(int8.resolve("onnx/encoder_model_fp16.onnx")));
      assertEquals(List.of(), ModelDownloader.verify(int8));
      dev.voicegen.whisper.WhisperModel.load(
              int8, dev.voicegen.onnx.OnnxSessions.Settings.defaults().withInt8(true))
          .close();
    }
    assertThrows(IllegalArgumentException.class, () -> ModelSource.named("xtts-v2", hub.base(), true));
  }

  @Test
  void unknownModelNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> ModelSource.named("whisper-huge", hub.base()));
  }

  @Test
  void offlineFailsAtOnceSayingWhereToPutTheFiles() {
    long start = System.nanoTime();
    ModelDownloadException e =
        assertThrows(
            ModelDownloadException.class,
            () -> downloader(new ArrayList<>(), GOOD).pull(ModelSource.xttsV2(URI.create("http://127.0.0.1:9")), dir));
    assertTrue((System.nanoTime() - start) / 1e9 < 10, "fails at once");
    assertTrue(e.getMessage().contains("by hand into " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("xtts_onnx/"), e.getMessage());
    assertTrue(e.getMessage().contains("models verify"), e.getMessage());
  }
}
