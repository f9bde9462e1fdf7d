package dev.voicegen.xtts;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.GraphChecks;
import dev.voicegen.onnx.ModelException;
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
    GraphChecks g = checks(file);
    g.tensor("input", g.inputs(s), COND_INPUT, 3, 1, XttsModelDirectory.COND_MEL_BANDS);
    g.firstOutput(s, 3, 2, m.embedDim());
  }

  static void checkSpeakerEncoder(OrtSession s, String file) {
    GraphChecks g = checks(file);
    g.tensor("input", g.inputs(s), SPEAKER_INPUT, 3, 1, SPEAKER_MEL_BANDS);
    g.firstOutput(s, 3, 1, SPEAKER_DIM);
  }

  static void checkGpt(OrtSession s, String file, XttsMetadata m) {
    GraphChecks g = checks(file);
    Map<String, NodeInfo> in = g.inputs(s);
    Map<String, NodeInfo> out = g.outputs(s);
    g.tensor("input", in, GPT_EMBEDS, 3, 2, m.embedDim());
    g.tensor("input", in, GPT_MASK, 2, -1, 0);
    g.tensor("output", out, GPT_LOGITS, 3, 2, m.numAudioTokens());
    g.tensor("output", out, GPT_HIDDEN, 3, 2, m.embedDim());
    for (int i = 0; i < m.nLayer(); i++) {
      g.tensor("input", in, pastKey(i), 4, 3, m.headDim());
      g.tensor("input", in, pastValue(i), 4, 3, m.headDim());
      g.tensor("output", out, presentKey(i), 4, 3, m.headDim());
      g.tensor("output", out, presentValue(i), 4, 3, m.headDim());
    }
    if (in.containsKey(pastKey(m.nLayer()))) {
      throw g.error("has input " + pastKey(m.nLayer()) + " but metadata n_layer is " + m.nLayer());
    }
    if (in.size() != 2 + 2 * m.nLayer()) {
      throw g.error("has " + in.size() + " inputs " + in.keySet() + " but "
          + (2 + 2 * m.nLayer()) + " are expected for n_layer " + m.nLayer());
    }
  }

  static void checkVocoder(OrtSession s, String file, XttsMetadata m) {
    GraphChecks g = checks(file);
    Map<String, NodeInfo> in = g.inputs(s);
    g.tensor("input", in, VOCODER_LATENTS, 3, 2, m.embedDim());
    g.tensor("input", in, VOCODER_SPEAKER, 3, 1, SPEAKER_DIM);
    g.firstOutput(s, 3, 1, 1);
  }

  private static GraphChecks checks(String file) {
    return new GraphChecks(file, null, ModelException::of);
  }
}
