package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/** Test helper: one uncached GPT pass over a whole sequence of input embeddings (batch 1). */
final class FullForward {
  private FullForward() {}

  static float[][] hiddenStates(XttsModel model, float[] embeds, int len) throws Exception {
    XttsMetadata m = model.metadata();
    int d = m.embedDim();
    float[] mask = new float[len];
    java.util.Arrays.fill(mask, 1f);
    Map<String, OnnxTensor> feed = new HashMap<>();
    try (OnnxTensor e = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(embeds), new long[] {1, len, d});
        OnnxTensor mk = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(mask), new long[] {1, len});
        OnnxTensor past = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(new float[0]),
            new long[] {1, m.numHeads(), 0, m.headDim()})) {
      feed.put("inputs_embeds", e);
      feed.put("attention_mask", mk);
      for (int i = 0; i < m.nLayer(); i++) {
        feed.put("past_key_" + i, past);
        feed.put("past_value_" + i, past);
      }
      try (OrtSession.Result r = model.gptSession().run(feed)) {
        FloatBuffer h = ((OnnxTensor) r.get("hidden_states").orElseThrow()).getFloatBuffer();
        float[][] out = new float[len][d];
        for (float[] row : out) {
          h.get(row);
        }
        return out;
      }
    }
  }
}
