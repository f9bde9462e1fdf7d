package dev.voicegen.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * What the decoders' KV caches (XTTS GPT on the host path, Whisper) do with their past tensors
 * {@code [B, ...]}: begin from zero positions, and keep some rows when others finish.
 */
public final class PastTensors {
  private PastTensors() {}

  /**
   * One zero-length float tensor of {@code shape} (its position axis 0), which a cache may feed as
   * every layer's past on the first step; the caller owns and closes it.
   *
   * @param what names the cache in the error
   */
  public static OnnxTensor empty(OrtEnvironment env, long[] shape, String what) {
    try {
      return OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[0]), shape);
    } catch (OrtException e) {
      throw new ModelException("cannot create the empty " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * New tensors holding only {@code rows} (ascending batch indices, first {@code count} of them) of
   * each of {@code tensors}; the caller owns them. On failure none is left open.
   *
   * @param what names the cache in the error
   */
  public static OnnxTensor[] keepRows(OrtEnvironment env, OnnxTensor[] tensors, int[] rows, int count, String what) {
    OnnxTensor[] next = new OnnxTensor[tensors.length];
    try {
      for (int i = 0; i < tensors.length; i++) {
        next[i] = keepRows(env, tensors[i], rows, count);
      }
    } catch (OrtException e) {
      for (OnnxTensor t : next) {
        if (t != null) {
          t.close();
        }
      }
      throw new ModelException("cannot compact the " + what + ": " + e.getMessage(), e);
    }
    return next;
  }

  private static OnnxTensor keepRows(OrtEnvironment env, OnnxTensor t, int[] rows, int count) throws OrtException {
    long[] shape = t.getInfo().getShape();
    long rowFloats = 1;
    for (int d = 1; d < shape.length; d++) {
      rowFloats *= shape[d];
    }
    FloatBuffer src = t.getFloatBuffer();
    FloatBuffer dst = ByteBuffer.allocateDirect(Math.toIntExact(count * rowFloats * Float.BYTES))
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int r = 0; r < count; r++) {
      src.limit(Math.toIntExact((rows[r] + 1) * rowFloats)).position(Math.toIntExact(rows[r] * rowFloats));
      dst.put(src);
    }
    dst.rewind();
    long[] kept = shape.clone();
    kept[0] = count;
    return OnnxTensor.createTensor(env, dst, kept);
  }
}
