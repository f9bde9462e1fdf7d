package dev.voicegen.xtts;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;

/**
 * The tensor names and ranks each graph must expose (specs/xtts-onnx.md "Graphs", names as in the
 * public export), checked against the loaded sessions so that a wrong file fails at load, by name.
 */
final class GraphContract {
  static final String COND_INPUT = "mel_spectrogram";
  static final String SPEAKER_INPUT = "mel_spec";
  static final String GPT_EMBEDS = "inputs_embeds";
  static final String GPT_MASK = "attention_mask";
  static final String GPT_LOGITS = "logits";
  static final String GPT_HIDDEN = "hidden_states";
  static final String VOCODER_LATENTS = "latents";
  static final String VOCODER_SPEAKER = "speaker_embedding";
  /** Bands of the speaker-encoder mel (Coqui HiFi-GAN decoder's H/ASP audio config: num_mels 64). */
  static final int SPEAKER_MEL_BANDS = 64;
  /** Speaker embedding width (Coqui HiFi-GAN decoder d_vector_dim 512). */
  static final int SPEAKER_DIM = 512;

  private GraphContract() {}

  static String pastKey(int layer) {
    return "past_key_" + layer;
  }

  static String pastValue(int layer) {
    return "past_value_" + layer;
  }

  static String presentKey(int layer) {
    return "present_key_" + layer;
  }

  static String presentValue(int layer) {
    return "present_value_" + layer;
  }

  static void checkConditioningEncoder(OrtSession s, String file, XttsMetadata m) {
    Map<String, NodeInfo> in = inputs(s, file);
    tensor(file, "input", in, COND_INPUT, 3, 1, XttsModelDirectory.COND_MEL_BANDS);
    firstOutput(s, file, 3, 2, m.embedDim());
  }

  static void checkSpeakerEncoder(OrtSession s, String file) {
    tensor(file, "input", inputs(s, file), SPEAKER_INPUT, 3, 1, SPEAKER_MEL_BANDS);
    firstOutput(s, file, 3, 1, SPEAKER_DIM);
  }

  static void checkGpt(OrtSession s, String file, XttsMetadata m) {
    Map<String, NodeInfo> in = inputs(s, file);
    Map<String, NodeInfo> out = outputs(s, file);
    tensor(file, "input", in, GPT_EMBEDS, 3, 2, m.embedDim());
    tensor(file, "input", in, GPT_MASK, 2, -1, 0);
    tensor(file, "output", out, GPT_LOGITS, 3, 2, m.numAudioTokens());
    tensor(file, "output", out, GPT_HIDDEN, 3, 2, m.embedDim());
    for (int i = 0; i < m.nLayer(); i++) {
      tensor(file, "input", in, pastKey(i), 4, 3, m.headDim());
      tensor(file, "input", in, pastValue(i), 4, 3, m.headDim());
      tensor(file, "output", out, presentKey(i), 4, 3, m.headDim());
      tensor(file, "output", out, presentValue(i), 4, 3, m.headDim());
    }
    if (in.containsKey(pastKey(m.nLayer()))) {
      throw XttsModelException.of(file, "has input " + pastKey(m.nLayer()) + " but metadata n_layer is " + m.nLayer());
    }
    if (in.size() != 2 + 2 * m.nLayer()) {
      throw XttsModelException.of(file, "has " + in.size() + " inputs " + in.keySet() + " but "
          + (2 + 2 * m.nLayer()) + " are expected for n_layer " + m.nLayer());
    }
  }

  static void checkVocoder(OrtSession s, String file, XttsMetadata m) {
    Map<String, NodeInfo> in = inputs(s, file);
    tensor(file, "input", in, VOCODER_LATENTS, 3, 2, m.embedDim());
    tensor(file, "input", in, VOCODER_SPEAKER, 3, 1, SPEAKER_DIM);
    firstOutput(s, file, 3, 1, 1);
  }

  /** Requires {@code name} with {@code rank}; {@code dim} at {@code axis} must match unless symbolic. */
  private static void tensor(String file, String kind, Map<String, NodeInfo> nodes, String name,
      int rank, int axis, long dim) {
    NodeInfo n = nodes.get(name);
    if (n == null) {
      throw XttsModelException.of(file, "missing " + kind + " " + name + " (has " + nodes.keySet() + ")");
    }
    check(file, kind + " " + name, n, rank, axis, dim);
  }

  private static void firstOutput(OrtSession s, String file, int rank, int axis, long dim) {
    Map<String, NodeInfo> out = outputs(s, file);
    if (out.isEmpty()) {
      throw XttsModelException.of(file, "has no outputs");
    }
    NodeInfo n = out.values().iterator().next();
    check(file, "output " + n.getName(), n, rank, axis, dim);
  }

  private static void check(String file, String what, NodeInfo n, int rank, int axis, long dim) {
    if (!(n.getInfo() instanceof TensorInfo t)) {
      throw XttsModelException.of(file, what + " is not a tensor");
    }
    long[] shape = t.getShape();
    if (shape.length != rank) {
      throw XttsModelException.of(file, what + " has rank " + shape.length + " but rank " + rank + " is expected");
    }
    if (axis >= 0 && shape[axis] > 0 && shape[axis] != dim) {
      throw XttsModelException.of(file, what + " has size " + shape[axis] + " on axis " + axis
          + " but " + dim + " is expected");
    }
  }

  private static Map<String, NodeInfo> inputs(OrtSession s, String file) {
    try {
      return s.getInputInfo();
    } catch (OrtException e) {
      throw XttsModelException.of(file, "cannot read inputs: " + e.getMessage());
    }
  }

  private static Map<String, NodeInfo> outputs(OrtSession s, String file) {
    try {
      return s.getOutputInfo();
    } catch (OrtException e) {
      throw XttsModelException.of(file, "cannot read outputs: " + e.getMessage());
    }
  }
}
