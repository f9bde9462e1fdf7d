package dev.voicegen.xtts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.onnx.ModelException;
import java.util.Optional;

/**
 * The export's {@code metadata.json}: graph file names and GPT hyper-parameters (keys as written by
 * the public export, specs/xtts-onnx.md "Model directory"). Unknown keys are ignored.
 */
public record XttsMetadata(
    String conditioningEncoderFile,
    String speakerEncoderFile,
    String gptModelFile,
    Optional<String> gptModelInt8File,
    String hifiganVocoderFile,
    int nLayer,
    int embedDim,
    int numHeads,
    int headDim,
    int numAudioTokens,
    int startAudioToken,
    int stopAudioToken,
    int perceiverOutputLen) {

  static final String FILE = "metadata.json";

  /** Parses and checks the keys and their consistency; problems name {@code metadata.json}. */
  static XttsMetadata parse(JsonNode root) {
    JsonNode files = root.get("files");
    if (files == null || !files.isObject()) {
      throw ModelException.of(FILE, "missing key files");
    }
    XttsMetadata m = new XttsMetadata(
        text(files, "files.", "conditioning_encoder"),
        text(files, "files.", "speaker_encoder"),
        text(files, "files.", "gpt_model"),
        Optional.ofNullable(files.get("gpt_model_int8")).map(JsonNode::asText),
        text(files, "files.", "hifigan_vocoder"),
        positive(root, "n_layer"),
        positive(root, "embed_dim"),
        positive(root, "num_heads"),
        positive(root, "head_dim"),
        positive(root, "num_audio_tokens"),
        positive(root, "start_audio_token"),
        positive(root, "stop_audio_token"),
        positive(root, "perceiver_output_len"));
    if (m.numHeads * m.headDim != m.embedDim) {
      throw ModelException.of(FILE, "num_heads " + m.numHeads + " x head_dim " + m.headDim
          + " is not embed_dim " + m.embedDim);
    }
    if (m.startAudioToken >= m.numAudioTokens || m.stopAudioToken >= m.numAudioTokens) {
      throw ModelException.of(FILE, "start/stop audio tokens " + m.startAudioToken + "/"
          + m.stopAudioToken + " outside num_audio_tokens " + m.numAudioTokens);
    }
    return m;
  }

  /** The GPT graph to load: the int8 one when asked for and present. */
  public String gptFile(boolean preferInt8) {
    return preferInt8 ? gptModelInt8File.orElse(gptModelFile) : gptModelFile;
  }

  private static String text(JsonNode node, String prefix, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ModelException.of(FILE, "missing key " + prefix + key);
    }
    return v.asText();
  }

  private static int positive(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) {
      throw ModelException.of(FILE, "missing key " + key);
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
      throw ModelException.of(FILE, key + " must be a positive integer, got " + v);
    }
    return v.asInt();
  }
}
