package dev.voicegen.whisper;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.GraphChecks;
import dev.voicegen.onnx.ModelException;
import java.util.Map;

/**
 * File and tensor names of the Hugging Face ONNX export (specs/whisper-onnx.md "Model directory"),
 * checked against the loaded sessions so that a wrong file fails at load, by name.
 */
final class WhisperGraphs {
  /** Encoder positions: 3000 mel frames after the stride-2 conv (whisper n_audio_ctx). */
  static final int AUDIO_CTX = 1500;
  private static final String[] KINDS = {"decoder.key", "decoder.value", "encoder.key", "encoder.value"};
  private static final String QUANTIZED = "_quantized";

  // the encoder's tensors: log-mel features in, hidden states out
  static final String FEATURES = "input_features";
  static final String HIDDEN = "last_hidden_state";

  /** The export's two graphs; the int8 variant of each lies beside it (Optimum's naming), same tensor names. */
  enum Graph {
    ENCODER("onnx/encoder_model"),
    DECODER("onnx/decoder_model_merged");

    private final String stem;

    Graph(String stem) {
      this.stem = stem;
    }

    String file(boolean quantized) {
      return stem + (quantized ? QUANTIZED : "") + ".onnx";
    }

    /** The float graph's file, named in errors raised after load. */
    String file() {
      return file(false);
    }
  }

  // the merged decoder's tensors (one graph for the first step and the cached ones)
  static final String INPUT_IDS = "input_ids";
  static final String ENCODER_STATES = "encoder_hidden_states";
  static final String USE_CACHE = "use_cache_branch";
  static final String LOGITS = "logits";

  private WhisperGraphs() {}

  /** {@code past_key_values.{layer}.{decoder|encoder}.{key|value}}, kind 0..3 in that order. */
  static String past(int layer, int kind) {
    return "past_key_values." + layer + "." + KINDS[kind];
  }

  /** {@code present.{layer}.{decoder|encoder}.{key|value}}, kind 0..3 in that order. */
  static String present(int layer, int kind) {
    return "present." + layer + "." + KINDS[kind];
  }

  /** @param f the file the session was made from, named in errors */
  static void checkEncoder(OrtSession s, WhisperConfig c, String f) {
    GraphChecks g = checks(f);
    g.tensor("input", g.inputs(s), FEATURES, 3, 1, c.melBins());
    g.tensor("output", g.outputs(s), HIDDEN, 3, 2, c.dModel());
  }

  /** @param f the file the session was made from, named in errors */
  static void checkDecoder(OrtSession s, WhisperConfig c, String f) {
    GraphChecks g = checks(f);
    Map<String, NodeInfo> in = g.inputs(s);
    Map<String, NodeInfo> out = g.outputs(s);
    g.tensor("input", in, INPUT_IDS, 2, -1, 0);
    g.tensor("input", in, ENCODER_STATES, 3, 2, c.dModel());
    g.tensor("input", in, USE_CACHE, 1, -1, 0);
    g.tensor("output", out, LOGITS, 3, 2, c.vocabSize());
    for (int i = 0; i < c.decoderLayers(); i++) {
      for (int k = 0; k < KINDS.length; k++) {
        g.tensor("input", in, past(i, k), 4, 3, WhisperConfig.HEAD_DIM);
        g.tensor("output", out, present(i, k), 4, 3, WhisperConfig.HEAD_DIM);
        g.tensor("input", in, past(i, k), 4, 1, c.decoderHeads());
      }
    }
    int expected = 3 + 4 * c.decoderLayers();
    if (in.size() != expected) {
      throw g.error("has " + in.size() + " inputs " + in.keySet() + " but " + expected
          + " are expected for decoder_layers " + c.decoderLayers() + " (config.json)");
    }
    if (g.info(in, INPUT_IDS).type != OnnxJavaType.INT64) {
      throw g.error("input " + INPUT_IDS + " is not int64");
    }
    if (g.info(in, USE_CACHE).type != OnnxJavaType.BOOL) {
      throw g.error("input " + USE_CACHE + " is not bool: not a merged decoder");
    }
  }

  private static GraphChecks checks(String file) {
    return new GraphChecks(file, "config.json", ModelException::of);
  }
}
