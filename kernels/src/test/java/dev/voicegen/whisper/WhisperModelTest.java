package dev.voicegen.whisper;

import dev.voicegen.onnx.OnnxSessions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperModelTest {
  private static final OnnxSessions.Settings ONE_THREAD = OnnxSessions.Settings.defaults().withThreads(1);

  @TempDir
  Path tmp;

  @Test
  void loadsTheTinyModelAndItsConfig() {
    try (WhisperModel m = WhisperModel.load(TinyWhisper.dir(), ONE_THREAD)) {
      WhisperConfig c = m.config();
      assertEquals(128, c.dModel());
      assertEquals(TinyWhisper.LAYERS, c.decoderLayers());
      assertEquals(TinyWhisper.HEADS, c.decoderHeads());
      assertEquals(TinyWhisper.VOCAB, c.vocabSize());
      assertEquals(448, c.maxLength());
      assertEquals(TinyWhisper.END_OF_TEXT, c.endOfText());
      assertEquals(TinyWhisper.START, c.startOfTranscript());
      assertEquals(TinyWhisper.EN, c.languageId("en"));
      assertEquals(TinyWhisper.DE, c.languageId("de"));
      assertEquals(12, c.languageIds().size());
      assertArrayEquals(new int[] {32, TinyWhisper.END_OF_TEXT}, c.beginSuppressTokens());
      assertEquals(TinyWhisper.TRANSCRIBE, m.tokenizer().specialToken("<|transcribe|>"));
      int[] ids = m.tokenizer().encode(" the quick brown fox");
      assertEquals("the quick brown fox", m.tokenizer().decode(ids));
      int[] withSpecials = {TinyWhisper.START, TinyWhisper.EN, ids[0], TinyWhisper.END_OF_TEXT};
      assertEquals("the", m.tokenizer().decode(withSpecials));
    }
  }

  @Test
  void quantizedSettingLoadsTheQuantizedGraphsAndNamesThemWhenMissing() throws IOException {
    Path dir = TinyWhisper.copyTo(tmp.resolve("q"));
    OnnxSessions.Settings int8 = ONE_THREAD.withInt8(true);
    ModelException e = assertThrows(ModelException.class, () -> WhisperModel.load(dir, int8));
    assertTrue(e.getMessage().startsWith("onnx/encoder_model_quantized.onnx: missing"), e.getMessage());
    // stand-ins with the float weights: the same tensor names, so the same transcripts
    Files.copy(dir.resolve("onnx/encoder_model.onnx"), dir.resolve("onnx/encoder_model_quantized.onnx"));
    e = assertThrows(ModelException.class, () -> WhisperModel.load(dir, int8));
    assertTrue(e.getMessage().startsWith("onnx/decoder_model_merged_quantized.onnx: missing"), e.getMessage());
    Files.move(dir.resolve("onnx/decoder_model_merged.onnx"), dir.resolve("onnx/decoder_model_merged_quantized.onnx"));
    Files.delete(dir.resolve("onnx/encoder_model.onnx")); // proves the float graphs are not read
    try (WhisperModel q = WhisperModel.load(dir, int8);
        WhisperModel f = WhisperModel.load(TinyWhisper.dir(), ONE_THREAD)) {
      assertArrayEquals(f.transcriber().transcribe(TinyWhisper.clips(1), null).get(0).tokens(),
          q.transcriber().transcribe(TinyWhisper.clips(1), null).get(0).tokens());
    }
    Files.copy(TinyWhisper.dir().resolve("onnx/decoder_model_merged.onnx"),
        dir.resolve("onnx/encoder_model_quantized.onnx"), StandardCopyOption.REPLACE_EXISTING);
    e = assertThrows(ModelException.class, () -> WhisperModel.load(dir, int8));
    assertTrue(e.getMessage().startsWith("onnx/encoder_model_quantized.onnx: missing input input_features"),
        e.getMessage());
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    for (String file : List.of("onnx/encoder_model.onnx", "onnx/decoder_model_merged.onnx", "config.json",
        "generation_config.json", "tokenizer.json")) {
      Path dir = TinyWhisper.copyTo(tmp.resolve(file.replace('/', '_')));
      Files.delete(dir.resolve(file));
      ModelException e = assertThrows(ModelException.class, () -> WhisperModel.load(dir, ONE_THREAD));
      assertTrue(e.getMessage().startsWith(file + ": missing"), e.getMessage());
    }
  }

  @Test
  void encoderInPlaceOfTheDecoderFailsByTensorName() throws IOException {
    Path dir = TinyWhisper.copyTo(tmp.resolve("swapped"));
    Files.copy(dir.resolve("onnx/encoder_model.onnx"), dir.resolve("onnx/decoder_model_merged.onnx"),
        StandardCopyOption.REPLACE_EXISTING);
    assertMessage(dir, "onnx/decoder_model_merged.onnx: missing input input_ids (has [input_features])");
  }

  @Test
  void configThatDisagreesWithTheGraphsFails() {
    assertMessage(edit("layers", "config.json", c -> c.put("decoder_layers", 3)),
        "onnx/decoder_model_merged.onnx: missing input past_key_values.2.decoder.key");
    assertMessage(edit("width", "config.json", c -> c.put("d_model", 256).put("decoder_attention_heads", 4)),
        "onnx/encoder_model.onnx: output last_hidden_state has size 128 on axis 2 but 256 is expected (config.json)");
    assertMessage(edit("heads", "config.json", c -> c.put("d_model", 100)),
        "config.json: d_model 100 / decoder_attention_heads 2 is not 64");
    assertMessage(edit("mels", "config.json", c -> c.put("num_mel_bins", 128)),
        "onnx/encoder_model.onnx: input input_features has size 80 on axis 1 but 128 is expected (config.json)");
    assertMessage(edit("vocab", "config.json", c -> c.put("vocab_size", 51865)),
        "onnx/decoder_model_merged.onnx: output logits has size 340 on axis 2 but 51865 is expected (config.json)");
  }

  @Test
  void generationConfigProblemsNameTheFile() {
    assertMessage(edit("eos", "generation_config.json", g -> g.put("eos_token_id", 5)),
        "tokenizer.json: <|endoftext|> has id 320 but generation_config.json says 5");
    assertMessage(edit("task", "generation_config.json", g -> g.remove("task_to_id")),
        "generation_config.json: missing task_to_id");
    assertMessage(edit("len", "generation_config.json", g -> g.put("max_length", 449)),
        "generation_config.json: max_length 449 exceeds max_target_positions 448");
  }

  @Test
  void cudaOnTheCpuBuildFailsClearly() {
    OnnxSessions.Settings cuda = ONE_THREAD.withDevice(ExecutionDevice.parse("cuda"));
    ModelException e = assertThrows(ModelException.class, () -> WhisperModel.load(TinyWhisper.dir(), cuda));
    assertTrue(e.getMessage().startsWith("--device=cuda: CUDA execution provider cannot load: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; " + ExecutionDevice.HOW_TO_GET_CUDA),
        e.getMessage());
  }

  @Test
  void suppressTokensFromTheConfigAreNeverEmitted() {
    List<dev.voicegen.audio.AudioClip> clip = List.of(TinyWhisper.clip(1));
    int[] plain;
    try (WhisperModel m = WhisperModel.load(TinyWhisper.dir(), ONE_THREAD)) {
      plain = m.transcriber(DecodingOptions.DEFAULT).transcribe(clip, List.of("en")).get(0).tokens();
    }
    int favourite = plain[0]; // the greedy choice at the first step: the largest allowed logit
    Path dir = edit("suppress", "generation_config.json",
        g -> g.withArray("suppress_tokens").add(favourite));
    try (WhisperModel m = WhisperModel.load(dir, ONE_THREAD)) {
      int[] tokens = m.transcriber(DecodingOptions.fixedSteps(30)).transcribe(clip, List.of("en")).get(0).tokens();
      assertEquals(30, tokens.length);
      assertFalse(Arrays.stream(tokens).anyMatch(t -> t == favourite), Arrays.toString(tokens));
      assertNotEquals(favourite, tokens[0]);
    }
  }

  @Test
  void beginSuppressTokensOnlyChangeTheFirstStep() {
    List<dev.voicegen.audio.AudioClip> clip = List.of(TinyWhisper.clip(0));
    int[] plain;
    try (WhisperModel m = WhisperModel.load(TinyWhisper.dir(), ONE_THREAD)) {
      plain = m.transcriber(DecodingOptions.DEFAULT).transcribe(clip, List.of("de")).get(0).tokens();
    }
    int first = plain[0];
    Path dir = edit("begin", "generation_config.json",
        g -> g.putArray("begin_suppress_tokens").add(first));
    try (WhisperModel m = WhisperModel.load(dir, ONE_THREAD)) {
      int[] tokens = m.transcriber(DecodingOptions.DEFAULT).transcribe(clip, List.of("de")).get(0).tokens();
      assertNotEquals(first, tokens[0]);
      assertTrue(Arrays.stream(tokens).skip(1).anyMatch(t -> t == first),
          "a begin-suppressed token may follow later: " + Arrays.toString(tokens) + " vs " + Arrays.toString(plain));
    }
  }

  private Path edit(String name, String file, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    Path dir = TinyWhisper.copyTo(tmp.resolve(name));
    TinyWhisper.editJson(dir, file, change);
    return dir;
  }

  /** The message starts with {@code expected} (a list of the tensors present may follow). */
  private static void assertMessage(Path dir, String expected) {
    ModelException e = assertThrows(ModelException.class, () -> WhisperModel.load(dir, ONE_THREAD));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
