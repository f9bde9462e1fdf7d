package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.PastTensors;
import java.util.Arrays;
import java.util.Map;

/**
 * The GPT's past keys and values, {@code [B, heads, S_past, head_dim]} per layer. After a step it
 * holds the {@code present_*} outputs of that step's {@link OrtSession.Result} (fed back as they
 * are, no copy); retiring rows copies the kept rows into fresh tensors.
 */
final class KvCache implements AutoCloseable {
  private final OrtEnvironment env;
  private final String[] inputNames;
  private final String[] outputNames;
  private final OnnxTensor[] tensors;
  private OrtSession.Result owner;
  private OnnxTensor[] created;
  private long[] shape;

  private KvCache(OrtEnvironment env, int layers, long[] shape) {
    this.env = env;
    this.shape = shape;
    this.tensors = new OnnxTensor[2 * layers];
    this.inputNames = new String[2 * layers];
    this.outputNames = new String[2 * layers];
    for (int i = 0; i < layers; i++) {
      inputNames[2 * i] = GraphContract.pastKey(i);
      inputNames[2 * i + 1] = GraphContract.pastValue(i);
      outputNames[2 * i] = GraphContract.presentKey(i);
      outputNames[2 * i + 1] = GraphContract.presentValue(i);
    }
  }

  /** Zero-length past for the prefill (one shared empty tensor, as the export accepts). */
  static KvCache empty(OrtEnvironment env, XttsMetadata m, int batch) {
    long[] shape = {batch, m.numHeads(), 0, m.headDim()};
    KvCache kv = new KvCache(env, m.nLayer(), shape);
    OnnxTensor zero = PastTensors.empty(env, shape, "KV cache");
    Arrays.fill(kv.tensors, zero);
    kv.created = new OnnxTensor[] {zero};
    return kv;
  }

  /** {@code [B, heads, S_past, head_dim]} of every past tensor. */
  long[] shape() {
    return shape.clone();
  }

  int batch() {
    return (int) shape[0];
  }

  long pastLength() {
    return shape[2];
  }

  void feedInto(Map<String, OnnxTensor> feed) {
    for (int i = 0; i < tensors.length; i++) {
      feed.put(inputNames[i], tensors[i]);
    }
  }

  /** Takes the step's presents as the next past; the previous step's result is released. */
  void advance(OrtSession.Result result, long addedPositions) {
    for (int i = 0; i < tensors.length; i++) {
      tensors[i] = (OnnxTensor) result.get(outputNames[i])
          .orElseThrow(() -> new ModelException("GPT result has no present tensors"));
    }
    release();
    owner = result;
    shape = new long[] {shape[0], shape[1], shape[2] + addedPositions, shape[3]};
  }

  /** Keeps only {@code rows} (ascending batch indices), copying them into new tensors. */
  void retain(int[] rows, int count) {
    long[] newShape = {count, shape[1], shape[2], shape[3]};
    OnnxTensor[] next = PastTensors.keepRows(env, tensors, rows, count, "KV cache");
    release();
    System.arraycopy(next, 0, tensors, 0, tensors.length);
    created = next;
    shape = newShape;
  }

  private void release() {
    if (owner != null) {
      owner.close();
      owner = null;
    }
    if (created != null) {
      for (OnnxTensor t : created) {
        t.close();
      }
      created = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
