package dev.voicegen.whisper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.PastTensors;
import java.util.Arrays;
import java.util.Map;

/**
 * The merged decoder's past, {@code [B, heads, P, 64]} per layer and kind: self-attention K/V that
 * grow by one position per step, and cross-attention K/V over the 1500 encoder positions that the
 * first step computes. Later steps keep those: an Optimum merge (strict=False) makes the cached
 * branch return empty {@code present.*.encoder.*} constants, so only the decoder presents are
 * taken from a cached step. Presents are fed back as they are (no copy); retiring rows copies.
 */
final class DecoderCache implements AutoCloseable {
  private final OrtEnvironment env;
  private final String[] inputNames;
  private final String[] outputNames;
  private final OnnxTensor[] tensors;
  /** Owns the encoder tensors (and the first decoder ones): the first step's result. */
  private OrtSession.Result encoderOwner;
  /** Owns the decoder tensors after a cached step. */
  private OrtSession.Result decoderOwner;
  /** Tensors made here (the empty past, compacted copies), closed when replaced. */
  private OnnxTensor[] ownDecoder = new OnnxTensor[0];
  private OnnxTensor[] ownEncoder = new OnnxTensor[0];

  private DecoderCache(OrtEnvironment env, int layers) {
    this.env = env;
    this.tensors = new OnnxTensor[4 * layers];
    this.inputNames = new String[4 * layers];
    this.outputNames = new String[4 * layers];
    for (int i = 0; i < layers; i++) {
      for (int k = 0; k < 4; k++) {
        inputNames[4 * i + k] = WhisperGraphs.past(i, k);
        outputNames[4 * i + k] = WhisperGraphs.present(i, k);
      }
    }
  }

  /** Zero-length past for the first step (the merged decoder ignores it on the no-cache branch). */
  static DecoderCache empty(OrtEnvironment env, WhisperConfig c, int batch) {
    DecoderCache cache = new DecoderCache(env, c.decoderLayers());
    OnnxTensor zero =
        PastTensors.empty(env, new long[] {batch, c.decoderHeads(), 0, WhisperConfig.HEAD_DIM}, "decoder past");
    Arrays.fill(cache.tensors, zero);
    cache.ownDecoder = new OnnxTensor[] {zero};
    return cache;
  }

  /** Shape of layer 0's self-attention key: {@code [B, heads, P, 64]}. */
  long[] decoderShape() {
    return tensors[0].getInfo().getShape();
  }

  /** Shape of layer 0's cross-attention key: {@code [B, heads, 1500, 64]} after the first step. */
  long[] encoderShape() {
    return tensors[2].getInfo().getShape();
  }

  void feedInto(Map<String, OnnxTensor> feed) {
    for (int i = 0; i < tensors.length; i++) {
      feed.put(inputNames[i], tensors[i]);
    }
  }

  /**
   * Takes a step's presents as the next past: every present after the no-cache step, only the
   * decoder ones after a cached step. Results no longer referenced are closed.
   */
  void advance(OrtSession.Result result, boolean cached) {
    for (int i = 0; i < tensors.length; i++) {
      if (!cached || isDecoderKind(i)) {
        String name = outputNames[i];
        tensors[i] = (OnnxTensor) result.get(name)
            .orElseThrow(() -> ModelException.of(WhisperGraphs.Graph.DECODER.file(), "result has no " + name));
      }
    }
    if (cached) {
      releaseDecoder();
      decoderOwner = result;
    } else {
      releaseDecoder();
      releaseEncoder();
      encoderOwner = result;
    }
  }

  /** Keeps only {@code rows} (ascending batch indices), copying them into new tensors. */
  void retain(int[] rows) {
    OnnxTensor[] next = PastTensors.keepRows(env, tensors, rows, rows.length, "decoder past");
    releaseDecoder();
    releaseEncoder();
    System.arraycopy(next, 0, tensors, 0, tensors.length);
    ownDecoder = pick(next, true);
    ownEncoder = pick(next, false);
  }

  /** Kinds 0, 1 of each layer are self-attention (decoder) K/V; 2, 3 cross-attention (encoder). */
  private static boolean isDecoderKind(int index) {
    return index % 4 < 2;
  }

  private static OnnxTensor[] pick(OnnxTensor[] all, boolean decoder) {
    OnnxTensor[] out = new OnnxTensor[all.length / 2];
    int j = 0;
    for (int i = 0; i < all.length; i++) {
      if (isDecoderKind(i) == decoder) {
        out[j++] = all[i];
      }
    }
    return out;
  }

  private void releaseDecoder() {
    if (decoderOwner != null) {
      decoderOwner.close();
      decoderOwner = null;
    }
    for (OnnxTensor t : ownDecoder) {
      t.close();
    }
    ownDecoder = new OnnxTensor[0];
  }

  private void releaseEncoder() {
    if (encoderOwner != null) {
      encoderOwner.close();
      encoderOwner = null;
    }
    for (OnnxTensor t : ownEncoder) {
      t.close();
    }
    ownEncoder = new OnnxTensor[0];
  }

  @Override
  public void close() {
    releaseDecoder();
    releaseEncoder();
  }
}
