package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.onnx.OnnxSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe records on copies of the tiny model: a load records what the probe found, the next
 * load of the same files reads it (a record that says something the probe would not proves which
 * one ran), and any change to the files, the device or the int8 choice probes again.
 */
class ProbeRecordsTest {
  private static final OnnxSessions.Settings ONE_THREAD = OnnxSessions.Settings.defaults().withThreads(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private ProbeRecords records;

  @BeforeEach
  void records() {
    records = new ProbeRecords(tmp.resolve("records"));
  }

  private static BatchingProbe.Result load(Path model, ProbeRecords records) {
    try (XttsModel m = XttsModel.load(model, ONE_THREAD, records, false)) {
      return m.batching();
    }
  }

  private static List<Path> recordFiles(ProbeRecords records) throws IOException {
    if (!Files.isDirectory(records.folder())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(records.folder())) {
      return s.toList();
    }
  }

  /** Rewrites the only record so that it says batching is off for a reason the probe never gives. */
  private static void forge(ProbeRecords records) throws IOException {
    Path file = recordFiles(records).get(0);
    ObjectNode n = (ObjectNode) JSON.readTree(file.toFile());
    n.put("on", false);
    n.put("reason", "recorded, not probed");
    JSON.writeValue(file.toFile(), n);
  }

  /** A copy of the tiny model, probed once, whose record then says what the probe never would. */
  private Path probedThenForged() throws IOException {
    Path model = TinyModel.copyTo(tmp.resolve("m"));
    load(model, records);
    forge(records);
    return model;
  }

  @Test
  void aSecondLoadOfTheSameFilesReadsTheRecord() throws IOException {
    Path model = TinyModel.copyTo(tmp.resolve("m"));
    BatchingProbe.Result probed = load(model, records);
    assertTrue(probed.on(), probed.toString());
    assertEquals(1, recordFiles(records).size());
    assertEquals(probed, load(model, records), "the record gives back what the probe found, checks and all");

    forge(records);
    BatchingProbe.Result read = load(model, records);
    assertFalse(read.on());
    assertEquals("recorded, not probed", read.reason());
  }

  @Test
  void aFreshProbeRunsWhateverTheRecordSaysAndRecordsWhatItFinds() throws IOException {
    Path model = probedThenForged();
    try (XttsModel m = XttsModel.load(model, ONE_THREAD, records, true)) {
      assertTrue(m.batching().on(), "models verify probes: " + m.batching());
    }
    assertTrue(load(model, records).on(), "and its finding replaced the forged record");
    assertEquals(1, recordFiles(records).size());
  }

  @Test
  void aChangedFileProbesAgain() throws IOException {
    Path model = probedThenForged();
    Path vocoder = model.resolve("hifigan_vocoder.onnx");
    Files.setLastModifiedTime(vocoder, FileTime.fromMillis(Files.getLastModifiedTime(vocoder).toMillis() + 2000));
    assertTrue(load(model, records).on(), "a newer vocoder file is probed, not read from the forged record");
    assertEquals(2, recordFiles(records).size());
  }

  @Test
  void theKeyFollowsEveryFileTheDeviceAndInt8() throws IOException {
    Path model = TinyModel.copyTo(tmp.resolve("m"));
    String key = ProbeRecords.key(model, ONE_THREAD);
    assertEquals(key, ProbeRecords.key(model, ONE_THREAD.withThreads(2)), "threads do not change what batches");
    assertNotEquals(key, ProbeRecords.key(model, ONE_THREAD.withInt8(true)));
    assertNotEquals(key, ProbeRecords.key(model, ONE_THREAD.withDevice(dev.voicegen.onnx.ExecutionDevice.parse("cuda:0"))));
    assertTrue(key.contains("file embeddings/mel_embedding.npy "), key);

    Path gpt = model.resolve("gpt_model.onnx");
    FileTime time = Files.getLastModifiedTime(gpt);
    Files.write(gpt, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    Files.setLastModifiedTime(gpt, time);
    assertNotEquals(key, ProbeRecords.key(model, ONE_THREAD), "same time, other size");

    String grown = ProbeRecords.key(model, ONE_THREAD);
    Files.writeString(model.resolve("notes.txt"), "added");
    assertNotEquals(grown, ProbeRecords.key(model, ONE_THREAD), "an added file");
  }

  @Test
  void aRecordUnderAnotherKeyIsNotRead() throws IOException {
    Path model = TinyModel.copyTo(tmp.resolve("m"));
    load(model, records);
    Path file = recordFiles(records).get(0);
    ObjectNode n = (ObjectNode) JSON.readTree(file.toFile());
    n.put("key", n.path("key").asText() + "\nfile other 1 2026-01-01T00:00:00Z");
    n.put("on", false);
    n.put("reason", "recorded, not probed");
    JSON.writeValue(file.toFile(), n);
    assertTrue(load(model, records).on());
    Files.writeString(file, "{not json");
    assertTrue(load(model, records).on(), "an unreadable record costs a probe");
  }

  @Test
  void aFolderThatCannotBeWrittenCostsAProbeNotTheLoad() throws IOException {
    Path model = TinyModel.copyTo(tmp.resolve("m"));
    Path blocked = Files.writeString(tmp.resolve("a-file"), "in the way");
    ProbeRecords unwritable = new ProbeRecords(blocked.resolve("xtts-probe"));
    assertTrue(load(model, unwritable).on());
    assertTrue(load(model, unwritable).on());
  }

  @Test
  void theFolderFollowsVoicegenCacheDirThenXdg() {
    Path home = Path.of("/home/u");
    assertEquals(Path.of("/c/vg"), ProbeRecords.cacheRoot(Map.of("VOICEGEN_CACHE_DIR", "/c/vg"), home));
    assertEquals(Path.of("/x/voicegen"), ProbeRecords.cacheRoot(Map.of("XDG_CACHE_HOME", "/x"), home));
    assertEquals(Path.of("/home/u/.cache/voicegen"), ProbeRecords.cacheRoot(Map.of("XDG_CACHE_HOME", " "), home));
  }
}
