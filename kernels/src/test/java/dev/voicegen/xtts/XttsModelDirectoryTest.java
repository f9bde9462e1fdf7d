package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XttsModelDirectoryTest {
  @TempDir Path tmp;

  @Test
  void opensTheTinyModel() {
    XttsModelDirectory d = XttsModelDirectory.open(TinyModel.dir());
    assertEquals("gpt_model.onnx", d.metadata().gptModelFile());
    assertEquals(0, d.stopTextToken(), "[STOP] is id 0, as in XTTS v2's vocab.json");
    assertTrue(d.startTextToken() > 0);
    assertEquals(608, d.melPositions());
    assertEquals(404, d.textPositions());
    try (XttsModel m = XttsModel.load(TinyModel.dir(), OnnxSessions.Settings.defaults().withThreads(1))) {
      assertEquals(2, m.metadata().nLayer());
    }
  }

  @Test
  void missingFileIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    Files.delete(dir.resolve("embeddings/text_pos_embedding.npy"));
    assertMessage(dir, "embeddings/text_pos_embedding.npy: missing from " + dir);
  }

  @Test
  void missingGraphIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    Files.delete(dir.resolve("hifigan_vocoder.onnx"));
    assertMessage(dir, "hifigan_vocoder.onnx: missing from " + dir);
  }

  @Test
  void wrongTableWidthIsNamed() {
    Path dir = TinyModel.copyTo(tmp);
    TinyModel.writeNpy(dir.resolve("embeddings/text_embedding.npy"), new long[] {100, 32}, new float[3200]);
    assertMessage(dir, "embeddings/text_embedding.npy: shape [100, 32] but embed_dim is 64");
  }

  @Test
  void wrongMelEmbeddingRowsAreNamed() {
    Path dir = TinyModel.copyTo(tmp);
    TinyModel.writeNpy(dir.resolve("embeddings/mel_embedding.npy"), new long[] {1024, 64}, new float[1024 * 64]);
    assertMessage(dir, "embeddings/mel_embedding.npy: shape [1024, 64] but num_audio_tokens is 1026");
  }

  @Test
  void wrongMelStatsIsNamed() {
    Path dir = TinyModel.copyTo(tmp);
    TinyModel.writeNpy(dir.resolve("mel_stats.npy"), new long[] {64}, new float[64]);
    assertMessage(dir, "mel_stats.npy: shape [64] but [80] is required");
  }

  @Test
  void missingMetadataKeyIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    editMetadata(dir, "\"n_layer\": 2,", "");
    assertMessage(dir, "metadata.json: missing key n_layer");
  }

  @Test
  void inconsistentHeadsAreNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    editMetadata(dir, "\"head_dim\": 16", "\"head_dim\": 8");
    assertMessage(dir, "metadata.json: num_heads 4 x head_dim 8 is not embed_dim 64");
  }

  @Test
  void renamedGraphInputIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    // Same-length rename inside the protobuf keeps the graph valid: ORT loads it, the contract fails.
    Path gpt = dir.resolve("gpt_model.onnx");
    byte[] bytes = Files.readAllBytes(gpt);
    int replaced = replaceAll(bytes, "past_key_1", "past_kez_1");
    assertTrue(replaced >= 2, "input and its use renamed");
    Files.write(gpt, bytes);
    ModelException e = assertThrows(ModelException.class,
        () -> XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1)));
    assertTrue(e.getMessage().startsWith("gpt_model.onnx: missing input past_key_1"), e.getMessage());
  }

  @Test
  void metadataPointingAtTheWrongGraphIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    editMetadata(dir, "\"gpt_model\": \"gpt_model.onnx\"", "\"gpt_model\": \"conditioning_encoder.onnx\"");
    ModelException e = assertThrows(ModelException.class,
        () -> XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1)));
    assertTrue(e.getMessage().startsWith("conditioning_encoder.onnx: missing input inputs_embeds"), e.getMessage());
  }

  @Test
  void moreLayersInMetadataThanInTheGraphIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    editMetadata(dir, "\"n_layer\": 2", "\"n_layer\": 3");
    ModelException e = assertThrows(ModelException.class,
        () -> XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1)));
    assertTrue(e.getMessage().startsWith("gpt_model.onnx: missing input past_key_2"), e.getMessage());
  }

  @Test
  void int8GptIsLoadedWhenPreferredAndChecked() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    editMetadata(dir, "\"gpt_model\": \"gpt_model.onnx\",",
        "\"gpt_model\": \"gpt_model.onnx\", \"gpt_model_int8\": \"gpt_model_int8.onnx\",");
    assertMessage(dir, "gpt_model_int8.onnx: missing from " + dir);
    Files.copy(dir.resolve("speaker_encoder.onnx"), dir.resolve("gpt_model_int8.onnx"));
    ModelException e = assertThrows(ModelException.class, () -> XttsModel.load(dir,
        OnnxSessions.Settings.defaults().withThreads(1).withInt8(true)));
    assertTrue(e.getMessage().startsWith("gpt_model_int8.onnx: missing input inputs_embeds"), e.getMessage());
    try (XttsModel m = XttsModel.load(dir, OnnxSessions.Settings.defaults().withThreads(1))) {
      assertEquals("gpt_model.onnx", m.metadata().gptFile(false));
    }
  }

  @Test
  void vocabWithoutStartIsNamed() throws IOException {
    Path dir = TinyModel.copyTo(tmp);
    Path vocab = dir.resolve("vocab.json");
    Files.writeString(vocab, Files.readString(vocab).replace("[START]", "[BEGIN]"));
    assertMessage(dir, "vocab.json: no [START] token");
  }

  private static void assertMessage(Path dir, String expected) {
    ModelException e = assertThrows(ModelException.class, () -> XttsModelDirectory.open(dir));
    assertEquals(expected, e.getMessage());
  }

  private static void editMetadata(Path dir, String from, String to) throws IOException {
    Path meta = dir.resolve("metadata.json");
    String s = Files.readString(meta);
    assertTrue(s.contains(from), "fixture metadata has " + from);
    Files.writeString(meta, s.replace(from, to));
  }

  private static int replaceAll(byte[] data, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    int n = 0;
    outer:
    for (int i = 0; i + f.length <= data.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (data[i + j] != f[j]) {
          continue outer;
        }
      }
      System.arraycopy(t, 0, data, i, t.length);
      n++;
    }
    return n;
  }
}
