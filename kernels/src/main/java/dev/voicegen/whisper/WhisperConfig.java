package dev.voicegen.whisper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the decoder needs from {@code config.json} and {@code generation_config.json} (Hugging Face
 * names). Languages are keyed by their code ({@code "en"}), ids are token ids.
 */
public record WhisperConfig(
    int dModel, int decoderLayers, int decoderHeads, int melBins, int vocabSize,
    int maxLength, int endOfText, int startOfTranscript, int transcribe, int noTimestamps,
    Map<String, Integer> languageIds, int[] suppressTokens, int[] beginSuppressTokens) {

  static final String CONFIG = "config.json";
  static final String GENERATION_CONFIG = "generation_config.json";
  /** Whisper's head width in every size (d_model / heads = 64). */
  static final int HEAD_DIM = 64;
  /** {@code <|startoftranscript|> <|lang|> <|transcribe|> <|notimestamps|>} (specs/whisper-onnx.md step 3). */
  static final int PROMPT_LENGTH = 4;

  /** Reads both files of the model directory; a missing or malformed field names its file. */
  static WhisperConfig read(Path root) {
    JsonNode c = json(root, CONFIG);
    JsonNode g = json(root, GENERATION_CONFIG);
    int dModel = integer(c, CONFIG, "d_model");
    int heads = integer(c, CONFIG, "decoder_attention_heads");
    if (heads <= 0 || dModel != heads * HEAD_DIM) {
      throw ModelException.of(CONFIG, "d_model " + dModel + " / decoder_attention_heads " + heads
          + " is not " + HEAD_DIM);
    }
    Map<String, Integer> langs = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = field(g, GENERATION_CONFIG, "lang_to_id").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      langs.put(languageCode(e.getKey()), e.getValue().asInt());
    }
    if (langs.isEmpty()) {
      throw ModelException.of(GENERATION_CONFIG, "lang_to_id is empty");
    }
    int maxLength = integer(g, GENERATION_CONFIG, "max_length");
    int positions = c.path("max_target_positions").asInt(maxLength);
    if (maxLength <= PROMPT_LENGTH) {
      throw ModelException.of(GENERATION_CONFIG, "max_length " + maxLength
          + " leaves no room after the " + PROMPT_LENGTH + "-token prompt");
    }
    if (maxLength > positions) {
      throw ModelException.of(GENERATION_CONFIG, "max_length " + maxLength
          + " exceeds max_target_positions " + positions);
    }
    return new WhisperConfig(dModel, integer(c, CONFIG, "decoder_layers"), heads,
        c.path("num_mel_bins").asInt(80), integer(c, CONFIG, "vocab_size"), maxLength,
        integer(g, GENERATION_CONFIG, "eos_token_id"), integer(g, GENERATION_CONFIG, "decoder_start_token_id"),
        integer(field(g, GENERATION_CONFIG, "task_to_id"), GENERATION_CONFIG + " task_to_id", "transcribe"),
        integer(g, GENERATION_CONFIG, "no_timestamps_token_id"), Map.copyOf(langs),
        ids(g, "suppress_tokens"), ids(g, "begin_suppress_tokens"));
  }

  /** {@code suppress_tokens}: never generated (a copy). */
  @Override
  public int[] suppressTokens() {
    return suppressTokens.clone();
  }

  /** {@code begin_suppress_tokens}: not generated as the first token (a copy). */
  @Override
  public int[] beginSuppressTokens() {
    return beginSuppressTokens.clone();
  }

  /** The language token id, or -1 when the model has none for this code. */
  public int languageId(String code) {
    return languageIds.getOrDefault(code, -1);
  }

  /** {@code "<|en|>"} -> {@code "en"}; plain codes stay as they are. */
  static String languageCode(String token) {
    return token.startsWith("<|") && token.endsWith("|>") ? token.substring(2, token.length() - 2) : token;
  }

  private static JsonNode json(Path root, String file) {
    Path p = root.resolve(file);
    if (!Files.isRegularFile(p)) {
      throw ModelException.of(file, "missing in " + root);
    }
    try {
      return new ObjectMapper().readTree(p.toFile());
    } catch (IOException e) {
      throw ModelException.of(file, "cannot parse: " + e.getMessage());
    }
  }

  private static JsonNode field(JsonNode n, String file, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw ModelException.of(file, "missing " + name);
    }
    return v;
  }

  private static int integer(JsonNode n, String file, String name) {
    JsonNode v = field(n, file, name);
    if (!v.canConvertToInt()) {
      throw ModelException.of(file, name + " is not an integer: " + v);
    }
    return v.asInt();
  }

  private static int[] ids(JsonNode g, String name) {
    JsonNode v = g.path(name);
    int[] out = new int[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).asInt();
    }
    return out;
  }
}
