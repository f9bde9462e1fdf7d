package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference path (kvBinding off): every pass goes through {@code OrtSession.run}, so the past
 * goes in and the presents, logits and hidden states come back as host tensors ({@link KvCache}).
 * On CPU ORT reads the fed-back presents in place; on CUDA each of them crosses PCIe both ways,
 * which {@link #hostBytes} counts.
 */
final class HostGptPasses implements GptPasses {
  private final OrtEnvironment env;
  private final OrtSession gpt;
  private final KvCache kv;
  private final int layers;
  private final int dim;
  private final int vocab;
  private final Map<String, OnnxTensor> feed = new HashMap<>();
  private FloatBuffer embedsDirect = direct(0);
  private FloatBuffer maskDirect = direct(0);
  private long hostBytes;

  HostGptPasses(XttsModel model, int batch) {
    XttsMetadata m = model.metadata();
    this.env = model.env();
    this.gpt = model.gptSession();
    this.layers = m.nLayer();
    this.dim = m.embedDim();
    this.vocab = m.numAudioTokens();
    this.kv = KvCache.empty(env, m, batch);
  }

  @Override
  public long run(float[] embeds, float[] mask, int b, int seq, float[] logits, float[] hidden) {
    int total = (int) kv.pastLength() + seq;
    if (embedsDirect.capacity() < b * seq * dim) {
      embedsDirect = direct(b * seq * dim);
    }
    if (maskDirect.capacity() < b * total) {
      maskDirect = direct(Math.max(b * total, 2 * maskDirect.capacity()));
    }
    long cacheFloats = 2L * layers * cacheRowFloats() * b; // every past tensor, all rows
    try (OnnxTensor e = OnnxTensor.createTensor(env, fill(embedsDirect, embeds, b * seq * dim), new long[] {b, seq, dim});
        OnnxTensor m = OnnxTensor.createTensor(env, fill(maskDirect, mask, b * total), new long[] {b, total})) {
      feed.clear();
      feed.put(GraphContract.GPT_EMBEDS, e);
      feed.put(GraphContract.GPT_MASK, m);
      kv.feedInto(feed);
      long t0 = System.nanoTime();
      OrtSession.Result result = gpt.run(feed);
      long ort = System.nanoTime() - t0;
      feed.clear();
      try {
        FloatBuffer lg = output(result, GraphContract.GPT_LOGITS);
        FloatBuffer hd = output(result, GraphContract.GPT_HIDDEN);
        for (int i = 0; i < b; i++) {
          long last = (long) i * seq + seq - 1;
          lg.position((int) (last * vocab));
          lg.get(logits, i * vocab, vocab);
          hd.position((int) (last * dim));
          hd.get(hidden, i * dim, dim);
        }
      } catch (RuntimeException ex) {
        result.close();
        throw ex;
      }
      kv.advance(result, seq);
      // in: embeds, mask, past; out: logits and hidden states (copied whole into Java buffers), presents
      hostBytes += Float.BYTES * ((long) b * seq * dim + (long) b * total + cacheFloats
          + (long) b * seq * (vocab + dim) + 2L * layers * cacheRowFloats() * b);
      return ort;
    } catch (OrtException e) {
      throw new ModelException("GPT run failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void retain(int[] rows, int count) {
    // the whole past is read into Java and the kept rows written back as new tensors
    hostBytes += Float.BYTES * 2L * layers * cacheRowFloats() * (kv.batch() + count);
    kv.retain(rows, count);
  }

  private long cacheRowFloats() {
    long[] s = kv.shape();
    return s[1] * s[2] * s[3];
  }

  @Override
  public long[] shape() {
    return kv.shape();
  }

  @Override
  public long hostBytes() {
    return hostBytes;
  }

  private static FloatBuffer output(OrtSession.Result r, String name) {
    return ((OnnxTensor) r.get(name).orElseThrow(() -> new ModelException("GPT result has no " + name)))
        .getFloatBuffer();
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** Copies host[0..n) into the reused direct buffer and returns an exact-size view for ORT. */
  private static FloatBuffer fill(FloatBuffer direct, float[] host, int n) {
    direct.clear();
    direct.put(host, 0, n);
    direct.flip();
    return direct.slice();
  }

  @Override
  public void close() {
    kv.close();
  }
}
