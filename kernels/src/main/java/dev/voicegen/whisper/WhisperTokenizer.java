package dev.voicegen.whisper;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The model directory's {@code tokenizer.json} (byte-level BPE) run by DJL's native Hugging Face
 * tokenizers, offline. Decodes generated ids to text with the special tokens skipped.
 * Thread-safe; close it once no call is running.
 */
public final class WhisperTokenizer implements AutoCloseable {
  static final String FILE = "tokenizer.json";
  private static final String OFFLINE_PROPERTY = "ai.djl.offline";

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> specialIds;

  private WhisperTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> specialIds) {
    this.tokenizer = tokenizer;
    this.specialIds = specialIds;
  }

  /** Loads {@code root/tokenizer.json} and checks that its special tokens match the config ids. */
  static WhisperTokenizer load(Path root, WhisperConfig config) {
    Path file = root.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw ModelException.of(FILE, "missing in " + root);
    }
    Map<String, Integer> ids = new HashMap<>();
    try {
      for (JsonNode added : new ObjectMapper().readTree(file.toFile()).path("added_tokens")) {
        ids.put(added.path("content").asText(), added.path("id").asInt());
      }
    } catch (IOException e) {
      throw ModelException.of(FILE, "cannot parse: " + e.getMessage());
    }
    expect(ids, "<|endoftext|>", config.endOfText());
    expect(ids, "<|startoftranscript|>", config.startOfTranscript());
    expect(ids, "<|transcribe|>", config.transcribe());
    expect(ids, "<|notimestamps|>", config.noTimestamps());
    config.languageIds().forEach((code, id) -> expect(ids, "<|" + code + "|>", id));
    if (System.getProperty(OFFLINE_PROPERTY) == null) {
      System.setProperty(OFFLINE_PROPERTY, "true"); // DJL would otherwise try to fetch by name
    }
    try {
      HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(file)
          .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
      return new WhisperTokenizer(t, Map.copyOf(ids));
    } catch (IOException | RuntimeException e) {
      throw ModelException.of(FILE, "cannot load: " + e.getMessage());
    }
  }

  /** Text of the ids with every special token left out, without the leading space BPE keeps. */
  public String decode(int[] ids) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return tokenizer.decode(l, true).strip();
  }

  /** Ids of a plain text (no special tokens added). */
  public int[] encode(String text) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** Id of an added token such as {@code <|en|>}, or -1. */
  public int specialToken(String token) {
    return specialIds.getOrDefault(token, -1);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static void expect(Map<String, Integer> ids, String token, int id) {
    Integer found = ids.get(token);
    if (found == null) {
      throw ModelException.of(FILE, "no special token " + token);
    }
    if (found != id) {
      throw ModelException.of(FILE, token + " has id " + found + " but generation_config.json says " + id);
    }
  }
}
