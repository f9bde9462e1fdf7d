package dev.voicegen.xtts.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The XTTS v2 text tokenizer: the model directory's {@code vocab.json} (Hugging Face
 * {@code tokenizers} JSON) run by DJL's native tokenizers, offline. Encodes as Coqui's
 * {@code VoiceBpeTokenizer.encode} (TTS/tts/layers/xtts/tokenizer.py): {@code [lang]} tag first,
 * spaces as {@code [SPACE]}, and no other special token: the GPT adds {@code [START]} and
 * {@code [STOP]} itself. Thread-safe for encoding; close it once no encode is running.
 */
public final class XttsTokenizer implements AutoCloseable {
  /** Coqui's {@code gpt_max_text_tokens}: an encoded piece must stay under it. */
  public static final int MAX_TEXT_TOKENS = 402;

  private static final String OFFLINE_PROPERTY = "ai.djl.offline";

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> specialIds;
  private final Map<XttsLanguage, String> languageTags = new EnumMap<>(XttsLanguage.class);
  private final int startToken;
  private final int stopToken;
  private final int unkToken;
  private final int spaceToken;
  private final int vocabSize;

  private XttsTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> ids, int vocabSize) {
    this.tokenizer = tokenizer;
    this.specialIds = ids;
    this.startToken = required(ids, "[START]");
    this.stopToken = required(ids, "[STOP]");
    this.unkToken = required(ids, "[UNK]");
    this.spaceToken = required(ids, "[SPACE]");
    this.vocabSize = vocabSize;
    for (XttsLanguage language : XttsLanguage.values()) {
      if (ids.containsKey(language.tag())) {
        languageTags.put(language, language.tag());
      }
    }
  }

  /**
   * Loads a vocab.json with no network access (sets {@code ai.djl.offline=true} unless the JVM
   * already says otherwise).
   *
   * @throws IllegalArgumentException when the file lacks [START], [STOP], [UNK] or [SPACE]
   * @throws IOException when the file cannot be read or parsed
   */
  public static XttsTokenizer load(Path vocabJson) throws IOException {
    if (!Files.isRegularFile(vocabJson)) {
      throw new IOException("vocab.json not found: " + vocabJson);
    }
    if (System.getProperty(OFFLINE_PROPERTY) == null) {
      System.setProperty(OFFLINE_PROPERTY, "true"); // DJL would otherwise try to fetch by name
    }
    JsonNode root = new ObjectMapper().readTree(vocabJson.toFile());
    Map<String, Integer> ids = new HashMap<>();
    int maxId = collect(root.path("model").path("vocab"), ids);
    for (JsonNode added : root.path("added_tokens")) {
      ids.put(added.path("content").asText(), added.path("id").asInt());
      maxId = Math.max(maxId, added.path("id").asInt());
    }
    // Validate before loading the native side, which would otherwise need closing on failure.
    for (String token : new String[] {"[STOP]", "[START]", "[UNK]", "[SPACE]"}) {
      required(ids, token);
    }
    HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(vocabJson)
            .optAddSpecialTokens(false)
            .optTruncation(false)
            .optPadding(false)
            .build();
    return new XttsTokenizer(tokenizer, Map.copyOf(ids), maxId + 1);
  }

  /**
   * Encodes one normalised (and, for zh/ja/ko, romanised) piece: {@code [lang]} then its tokens,
   * spaces as {@code [SPACE]}; without {@code [START]}/{@code [STOP]}.
   *
   * @throws IllegalArgumentException for an unsupported language or one vocab.json has no tag for
   */
  public int[] encode(String normalizedPiece, String lang) {
    return encode(normalizedPiece, XttsLanguage.of(lang));
  }

  /** As {@link #encode(String, String)}, for a resolved language. */
  public int[] encode(String normalizedPiece, XttsLanguage language) {
    String tag = languageTags.get(language);
    if (tag == null) {
      throw new IllegalArgumentException("vocab.json: no " + language.tag() + " token");
    }
    String piece = normalizedPiece == null ? "" : normalizedPiece;
    // Brackets are not in the vocabulary; dropping them keeps text from spelling "[STOP]" or "[en]".
    piece = piece.replace("[", "").replace("]", "");
    String text = tag + piece.replace(" ", "[SPACE]");
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** Id of {@code [START]}, which opens the text of every GPT prefix. */
  public int startToken() {
    return startToken;
  }

  /** Id of {@code [STOP]}, which closes the text of every GPT prefix. */
  public int stopToken() {
    return stopToken;
  }

  /** Id of {@code [UNK]}, for characters the vocabulary lacks. */
  public int unkToken() {
    return unkToken;
  }

  /** Id of {@code [SPACE]}, which stands for every space. */
  public int spaceToken() {
    return spaceToken;
  }

  /** The id of an added token such as {@code [en]}, or -1 when the vocabulary lacks it. */
  public int specialToken(String token) {
    return specialIds.getOrDefault(token, -1);
  }

  /** Highest id + 1: the rows a text embedding table needs (Coqui's get_number_tokens). */
  public int vocabSize() {
    return vocabSize;
  }

  /** Whether vocab.json has the tag of this language. */
  public boolean speaks(XttsLanguage language) {
    return languageTags.containsKey(language);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static int collect(JsonNode vocab, Map<String, Integer> ids) {
    int maxId = -1;
    Iterator<Map.Entry<String, JsonNode>> fields = vocab.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      int id = entry.getValue().asInt();
      maxId = Math.max(maxId, id);
      if (entry.getKey().startsWith("[") && entry.getKey().endsWith("]")) {
        ids.put(entry.getKey(), id);
      }
    }
    return maxId;
  }

  private static int required(Map<String, Integer> ids, String token) {
    Integer id = ids.get(token);
    if (id == null) {
      throw new IllegalArgumentException("vocab.json: no " + token + " token");
    }
    return id;
  }
}
