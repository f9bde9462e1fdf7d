package dev.voicegen.xtts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An XTTS v2 ONNX model directory (specs/xtts-onnx.md "Model directory"), checked on open: the
 * metadata keys, every file present, and every {@code .npy} shape consistent with the metadata.
 * Graph tensor names are checked by {@link GraphContract} once the sessions exist.
 */
public final class XttsModelDirectory {
  public static final String MEL_EMBEDDING = "embeddings/mel_embedding.npy";
  public static final String TEXT_EMBEDDING = "embeddings/text_embedding.npy";
  public static final String MEL_POS_EMBEDDING = "embeddings/mel_pos_embedding.npy";
  public static final String TEXT_POS_EMBEDDING = "embeddings/text_pos_embedding.npy";
  public static final String VOCAB = "vocab.json";
  public static final String MEL_STATS = "mel_stats.npy";
  /** Bands of the conditioning mel (Coqui xtts.py get_gpt_cond_latents: n_mels 80). */
  public static final int COND_MEL_BANDS = 80;

  private final Path root;
  private final XttsMetadata metadata;
  private final int startTextToken;
  private final int stopTextToken;
  private final int textVocabRows;
  private final int melPositions;
  private final int textPositions;

  private XttsModelDirectory(Path root, XttsMetadata metadata, int startText, int stopText,
      int textRows, int melPositions, int textPositions) {
    this.root = root;
    this.metadata = metadata;
    this.startTextToken = startText;
    this.stopTextToken = stopText;
    this.textVocabRows = textRows;
    this.melPositions = melPositions;
    this.textPositions = textPositions;
  }

  /** Opens and checks {@code root}; any problem is an {@link ModelException} naming the file. */
  public static XttsModelDirectory open(Path root) {
    if (!Files.isDirectory(root)) {
      throw new ModelException(root + ": not a model directory");
    }
    ObjectMapper json = new ObjectMapper();
    XttsMetadata m = XttsMetadata.parse(readJson(json, root, XttsMetadata.FILE));
    for (String f : graphFiles(m)) {
      requireFile(root, f);
    }
    int d = m.embedDim();
    long[] mel = shape(root, MEL_EMBEDDING);
    expect(MEL_EMBEDDING, mel, m.numAudioTokens(), d, "num_audio_tokens", m.numAudioTokens());
    long[] text = shape(root, TEXT_EMBEDDING);
    expect(TEXT_EMBEDDING, text, -1, d, null, 0);
    long[] melPos = shape(root, MEL_POS_EMBEDDING);
    expect(MEL_POS_EMBEDDING, melPos, -1, d, null, 0);
    long[] textPos = shape(root, TEXT_POS_EMBEDDING);
    expect(TEXT_POS_EMBEDDING, textPos, -1, d, null, 0);
    long[] stats = shape(root, MEL_STATS);
    if (stats.length != 1 || stats[0] != COND_MEL_BANDS) {
      throw ModelException.of(MEL_STATS, "shape " + Arrays.toString(stats) + " but ["
          + COND_MEL_BANDS + "] is required");
    }
    JsonNode vocab = readJson(json, root, VOCAB);
    int start = tokenId(vocab, "[START]");
    int stop = tokenId(vocab, "[STOP]");
    for (int id : new int[] {start, stop}) {
      if (id >= text[0]) {
        throw ModelException.of(TEXT_EMBEDDING, "has " + text[0] + " rows but vocab.json uses id " + id);
      }
    }
    return new XttsModelDirectory(root, m, start, stop, (int) text[0], (int) melPos[0], (int) textPos[0]);
  }

  /** Graph files named by the metadata (the int8 GPT only when listed). */
  static List<String> graphFiles(XttsMetadata m) {
    return m.gptModelInt8File().isPresent()
        ? List.of(m.conditioningEncoderFile(), m.speakerEncoderFile(), m.gptModelFile(),
            m.gptModelInt8File().get(), m.hifiganVocoderFile())
        : List.of(m.conditioningEncoderFile(), m.speakerEncoderFile(), m.gptModelFile(),
            m.hifiganVocoderFile());
  }

  public Path root() {
    return root;
  }

  public XttsMetadata metadata() {
    return metadata;
  }

  /** A file of the directory by its relative name. */
  public Path file(String relative) {
    return root.resolve(relative);
  }

  /** {@code [START]} id from vocab.json (Coqui gpt.py start_text_token). */
  public int startTextToken() {
    return startTextToken;
  }

  /** {@code [STOP]} id from vocab.json (Coqui gpt.py stop_text_token). */
  public int stopTextToken() {
    return stopTextToken;
  }

  public int textVocabRows() {
    return textVocabRows;
  }

  /** Rows of the mel position table: at most this many positions (start + codes) can be fed. */
  public int melPositions() {
    return melPositions;
  }

  /** Rows of the text position table: a piece's tokens plus [START] and [STOP] must fit. */
  public int textPositions() {
    return textPositions;
  }

  /** Loads the four embedding tables. */
  public EmbeddingTables loadEmbeddings() {
    return new EmbeddingTables(metadata.embedDim(),
        NpyReader.read(file(MEL_EMBEDDING), MEL_EMBEDDING).data(),
        NpyReader.read(file(TEXT_EMBEDDING), TEXT_EMBEDDING).data(),
        NpyReader.read(file(MEL_POS_EMBEDDING), MEL_POS_EMBEDDING).data(),
        NpyReader.read(file(TEXT_POS_EMBEDDING), TEXT_POS_EMBEDDING).data());
  }

  /** Per-band divisors of the log conditioning mel (Coqui xtts.py mel_stats). */
  public float[] loadMelStats() {
    return NpyReader.read(file(MEL_STATS), MEL_STATS).data();
  }

  private static void requireFile(Path root, String relative) {
    if (!Files.isRegularFile(root.resolve(relative))) {
      throw ModelException.of(relative, "missing from " + root);
    }
  }

  private static long[] shape(Path root, String relative) {
    requireFile(root, relative);
    return NpyReader.readShape(root.resolve(relative), relative);
  }

  /** 2-D with the given columns (embed_dim) and, when {@code rows >= 0}, the given rows. */
  private static void expect(String file, long[] shape, int rows, int dim, String rowKey, int rowValue) {
    if (shape.length != 2) {
      throw ModelException.of(file, "shape " + Arrays.toString(shape) + " but a 2-D table is required");
    }
    if (shape[1] != dim) {
      throw ModelException.of(file, "shape " + Arrays.toString(shape) + " but embed_dim is " + dim);
    }
    if (rows >= 0 && shape[0] != rows) {
      throw ModelException.of(file, "shape " + Arrays.toString(shape) + " but " + rowKey + " is " + rowValue);
    }
    if (shape[0] < 2) {
      throw ModelException.of(file, "shape " + Arrays.toString(shape) + " has too few rows");
    }
  }

  private static JsonNode readJson(ObjectMapper json, Path root, String relative) {
    requireFile(root, relative);
    try {
      return json.readTree(Files.readAllBytes(root.resolve(relative)));
    } catch (IOException e) {
      throw ModelException.of(relative, "not valid JSON: " + e.getMessage());
    }
  }

  /** An id from a Hugging Face tokenizers file: {@code added_tokens} first, then {@code model.vocab}. */
  private static int tokenId(JsonNode vocab, String token) {
    JsonNode added = vocab.path("added_tokens");
    for (JsonNode t : added) {
      if (token.equals(t.path("content").asText(null))) {
        return t.path("id").asInt();
      }
    }
    JsonNode id = vocab.path("model").path("vocab").get(token);
    if (id == null || !id.canConvertToInt()) {
      throw ModelException.of(VOCAB, "no " + token + " token");
    }
    return id.asInt();
  }
}
