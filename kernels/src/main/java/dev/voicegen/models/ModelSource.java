package dev.voicegen.models;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Where a model's files come from: a Hugging Face style repository. {@code
 * api/models/<repo>/revision/<revision>} names the commit a branch or tag points to ({@code sha});
 * the file listing ({@code api/models/<repo>/tree/<commit>?recursive=true}, paged by a {@code Link:
 * rel="next"} header) gives each file's size and, for large files, its SHA-256 ({@code lfs.oid});
 * files are served at {@code <repo>/resolve/<commit>/<path>}, large ones by a redirect to a CDN.
 *
 * @param name the name users type ({@code xtts-v2})
 * @param baseUrl the host, e.g. {@code https://huggingface.co}; tests point it at a local server
 * @param repo owner/name
 * @param revision branch, tag or commit
 * @param folder the repository folder that holds the model directory ({@code xtts_onnx/}), or ""
 *     for the root; a listing without that folder is read from its root
 * @param wanted which files belong to the model directory, by their path inside it
 * @param license the weights' licence, or null when no restriction is known to us
 */
public record ModelSource(
    String name,
    URI baseUrl,
    String repo,
    String revision,
    String folder,
    Predicate<String> wanted,
    ModelLicense license) {

  public static final URI HUGGING_FACE = URI.create("https://huggingface.co");

  /** The repository folder of the XTTS export that holds the model directory (xtts-onnx.md). */
  public static final String XTTS_FOLDER = "xtts_onnx/";

  /**
   * The public ONNX export of XTTS v2 (xtts-onnx.md), gated: its {@code xtts_onnx/} folder is the
   * layout our engine reads as it is; the Python loader beside it is not pulled.
   */
  public static ModelSource xttsV2(URI baseUrl) {
    return new ModelSource(
        "xtts-v2",
        baseUrl,
        "pltobing/XTTSv2-Streaming-ONNX",
        "main",
        XTTS_FOLDER,
        path -> {
          String p = path.toLowerCase(Locale.ROOT);
          return p.equals("metadata.json")
              || p.equals("vocab.json")
              || p.equals("mel_stats.npy")
              || (p.startsWith("embeddings/") && p.endsWith(".npy"))
              || (!p.contains("/") && p.endsWith(".onnx"))
              || isExternalData(p);
        },
        ModelLicense.COQUI_CPML);
  }

  /**
   * ONNX external-data files ({@code X.onnx.data}, {@code X.onnx_data}): the weights of a graph
   * over 2 GB live beside it; they are pulled exactly when their graph is.
   */
  static boolean isExternalData(String path) {
    return path.endsWith(".onnx.data") || path.endsWith(".onnx_data");
  }

  /** The graph an external-data file belongs to. */
  static String graphOf(String externalData) {
    return externalData.endsWith(".onnx.data")
        ? externalData.substring(0, externalData.length() - ".data".length())
        : externalData.substring(0, externalData.length() - "_data".length());
  }

  /** The same source at another branch, tag or commit ({@code --revision}). */
  public ModelSource atRevision(String other) {
    return new ModelSource(name, baseUrl, repo, other, folder, wanted, license);
  }

  /** The repository's web page, where a gated repository's terms are accepted. */
  public URI page() {
    return baseUrl.resolve("/" + repo);
  }

  /** Whisper sizes published in the Hugging Face ONNX layout (whisper-onnx.md). */
  static final List<String> WHISPER_SIZES = List.of("tiny", "base", "small", "medium", "large-v3");

  /** The int8 graphs of a Whisper export, pulled on request ({@code transcribe --quantized}). */
  static final List<String> WHISPER_QUANTIZED =
      List.of("onnx/encoder_model_quantized.onnx", "onnx/decoder_model_merged_quantized.onnx");

  /**
   * Whisper in the Hugging Face ONNX layout: the fp32 encoder and merged decoder, tokenizer and
   * configs; with {@code quantized} also the int8 graphs beside them (the export's other variants,
   * fp16, q4 and so on, are never pulled).
   */
  public static ModelSource whisper(String size, URI baseUrl, boolean quantized) {
    return new ModelSource(
        "whisper-" + size,
        baseUrl,
        "onnx-community/whisper-" + size,
        "main",
        "",
        path ->
            path.equals("onnx/encoder_model.onnx")
                || path.equals("onnx/encoder_model.onnx_data")
                || path.equals("onnx/decoder_model_merged.onnx")
                || path.equals("onnx/decoder_model_merged.onnx_data")
                || path.equals("tokenizer.json")
                || path.equals("config.json")
                || path.equals("generation_config.json")
                || (quantized && WHISPER_QUANTIZED.contains(path)),
        null);
  }

  /** The model names {@code models pull} knows. */
  public static List<String> known() {
    List<String> names = new java.util.ArrayList<>(List.of("xtts-v2"));
    WHISPER_SIZES.forEach(size -> names.add("whisper-" + size));
    names.addAll(PinnedModelSource.KNOWN);
    return names;
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static ModelSource named(String name, URI baseUrl) {
    return named(name, baseUrl, false);
  }

  /**
   * @param quantized for a Whisper model, pull its int8 graphs too
   * @throws IllegalArgumentException for an unknown name, or {@code quantized} for XTTS
   */
  public static ModelSource named(String name, URI baseUrl, boolean quantized) {
    if ("xtts-v2".equals(name)) {
      if (quantized) {
        throw new IllegalArgumentException("--quantized is for Whisper models; xtts-v2 has no int8 graphs");
      }
      return xttsV2(baseUrl);
    }
    if (name.startsWith("whisper-") && WHISPER_SIZES.contains(name.substring("whisper-".length()))) {
      return whisper(name.substring("whisper-".length()), baseUrl, quantized);
    }
    throw new IllegalArgumentException(
        "unknown model '" + name + "'; known: " + String.join(", ", known()));
  }

  URI revisionUri() {
    return baseUrl.resolve("/api/models/" + repo + "/revision/" + revision);
  }

  URI listingUri(String commit) {
    return baseUrl.resolve("/api/models/" + repo + "/tree/" + commit + "?recursive=true");
  }

  URI fileUri(String commit, String repoPath) {
    return baseUrl.resolve("/" + repo + "/resolve/" + commit + "/" + repoPath);
  }

  /** Where to get the files by hand when this machine cannot. */
  String byHand(String dir) {
    String files =
        name.startsWith("whisper-")
            ? "onnx/encoder_model.onnx, onnx/decoder_model_merged.onnx, tokenizer.json, config.json,"
                + " generation_config.json"
                + (WHISPER_QUANTIZED.stream().anyMatch(wanted) ? ", " + String.join(", ", WHISPER_QUANTIZED) : "")
            : "metadata.json, vocab.json, *.onnx, embeddings/*.npy, mel_stats.npy";
    String from = folder.isEmpty() ? "" : "the " + folder + " folder of ";
    return "download " + from + page() + " (" + files + ") by hand into " + dir
        + " keeping their relative paths, then run 'bin/voicegen models verify " + name + "'";
  }
}
