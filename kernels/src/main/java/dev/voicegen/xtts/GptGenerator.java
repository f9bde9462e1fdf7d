package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Batched XTTS v2 code generation on the GPT graph (specs/xtts-onnx.md steps 5-6 and "Batching").
 *
 * <p>Prefill: each row's prefix {@code [cond(32) | text_emb([START] t.. [STOP]) + text_pos(0..) |
 * mel_emb(start) + mel_pos(0)]} is left-padded to the longest one with attention mask 0, so text
 * positions count from each row's first real token and every row's last position is its start
 * token. Decode: rows advance in lock step, all feeding {@code mel_emb(code) + mel_pos(k)} at step
 * k (Coqui gpt_inference.py: position = mask length - (prefix + 1)). Each row has its own
 * repetition history and {@link SplittableRandom}, so its codes do not depend on its batch.
 *
 * <p>Finished rows are retired: the next step copies the remaining rows' past into a compacted KV
 * cache, at most once per step, so no compute is spent on finished rows. The history starts with
 * ids 1 and start_audio_token because Coqui's HF generate call sees those placeholder input ids
 * (gpt.py compute_embeddings) and penalises them too. Not thread-safe: one generator per thread.
 */
public final class GptGenerator {
  /** Coqui gpt.py compute_embeddings: the fake input ids of the prefix are 1. */
  private static final int PREFIX_PLACEHOLDER_ID = 1;

  /** Sees the past-cache shape {@code [B, heads, S_past, head_dim]} after every GPT pass. */
  public interface StepObserver {
    void afterStep(int step, long[] pastShape);
  }

  private final XttsModel model;
  private final XttsMetadata meta;
  private final EmbeddingTables emb;
  private final OrtEnvironment env;
  private final OrtSession gpt;
  private final LogitsSampler sampler;
  private final int dim;
  private final int vocab;
  private final int maxCodes;
  private final float[] logitsRow;
  private final Map<String, OnnxTensor> feed = new HashMap<>();
  private float[] embedsHost = new float[0];
  private float[] maskHost = new float[0];
  private FloatBuffer embedsDirect = direct(0);
  private FloatBuffer maskDirect = direct(0);
  private StepObserver observer;

  private long prefills;
  private long prefillNanos;
  private long prefillOrtNanos;
  private long decodeSteps;
  private long decodeNanos;
  private long decodeOrtNanos;
  private long compactions;

  GptGenerator(XttsModel model, SamplingParams params) {
    this.model = model;
    this.meta = model.metadata();
    this.emb = model.embeddings();
    this.env = model.env();
    this.gpt = model.gptSession();
    this.dim = meta.embedDim();
    this.vocab = meta.numAudioTokens();
    this.sampler = new LogitsSampler(params, vocab);
    // Codes 1..maxCodes-1 are fed back at mel positions 1..maxCodes-1, so the table bounds the cap.
    this.maxCodes = Math.min(params.maxCodes(), emb.melPositions());
    this.logitsRow = new float[vocab];
  }

  public SamplingParams params() {
    return sampler.params();
  }

  /** The effective cap on codes per row (the STOP code included). */
  public int maxCodes() {
    return maxCodes;
  }

  public void setStepObserver(StepObserver observer) {
    this.observer = observer;
  }

  public GeneratorStats stats() {
    return new GeneratorStats(prefills, prefillNanos, prefillOrtNanos, decodeSteps, decodeNanos,
        decodeOrtNanos, compactions);
  }

  public void resetStats() {
    prefills = prefillNanos = prefillOrtNanos = decodeSteps = decodeNanos = decodeOrtNanos = compactions = 0;
  }

  public GeneratedCodes generate(GenerationRequest request) {
    return generate(List.of(request)).get(0);
  }

  /**
   * Generates every row in one batch; results are in request order. When the model's batching
   * probe found the GPT unfit for batches, the rows run one after another instead (same codes).
   */
  public List<GeneratedCodes> generate(List<GenerationRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    if (requests.size() > 1 && !model.batches()) {
      List<GeneratedCodes> out = new ArrayList<>(requests.size());
      for (GenerationRequest r : requests) {
        out.addAll(generate(List.of(r)));
      }
      return out;
    }
    Row[] rows = new Row[requests.size()];
    int prefixLen = 0;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Row(requests.get(i), i);
      prefixLen = Math.max(prefixLen, rows[i].prefixLength);
    }
    for (Row r : rows) {
      r.pad = prefixLen - r.prefixLength;
    }
    try (KvCache kv = KvCache.empty(env, meta, rows.length)) {
      prefill(rows, prefixLen, kv);
      Row[] batch = rows;
      for (int k = 1; ; k++) {
        Row[] next = active(batch);
        if (next.length == 0) {
          break;
        }
        decodeStep(batch, next, k, kv);
        batch = next;
      }
    } catch (OrtException e) {
      throw new ModelException("GPT run failed: " + e.getMessage(), e);
    }
    List<GeneratedCodes> out = new ArrayList<>(rows.length);
    for (Row r : rows) {
      out.add(r.result());
    }
    return out;
  }

  private void prefill(Row[] rows, int prefixLen, KvCache kv) throws OrtException {
    long t0 = System.nanoTime();
    int b = rows.length;
    float[] embeds = new float[b * prefixLen * dim];
    float[] mask = new float[b * prefixLen];
    for (int i = 0; i < b; i++) {
      rows[i].writePrefix(embeds, (i * prefixLen + rows[i].pad) * dim);
      for (int t = rows[i].pad; t < prefixLen; t++) {
        mask[i * prefixLen + t] = 1f;
      }
    }
    try (OnnxTensor e = OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[] {b, prefixLen, dim});
        OnnxTensor m = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {b, prefixLen})) {
      long ort = runAndSample(rows, e, m, kv, prefixLen);
      prefills++;
      prefillOrtNanos += ort;
      prefillNanos += System.nanoTime() - t0;
    }
    notifyObserver(0, kv);
  }

  private void decodeStep(Row[] previous, Row[] batch, int k, KvCache kv) throws OrtException {
    long t0 = System.nanoTime();
    int b = batch.length;
    if (b != previous.length) {
      int[] keep = new int[b];
      for (int i = 0; i < b; i++) {
        keep[i] = batch[i].slot;
        batch[i].slot = i;
      }
      kv.retain(keep, b);
      compactions++;
    }
    int total = (int) kv.pastLength() + 1;
    ensureCapacity(b * dim, b * total);
    for (int i = 0; i < b; i++) {
      Row r = batch[i];
      emb.melInput(r.codes[r.count - 1], k, embedsHost, i * dim);
      int base = i * total;
      Arrays.fill(maskHost, base, base + r.pad, 0f);
      Arrays.fill(maskHost, base + r.pad, base + total, 1f);
    }
    try (OnnxTensor e = OnnxTensor.createTensor(env, fill(embedsDirect, embedsHost, b * dim), new long[] {b, 1, dim});
        OnnxTensor m = OnnxTensor.createTensor(env, fill(maskDirect, maskHost, b * total), new long[] {b, total})) {
      long ort = runAndSample(batch, e, m, kv, 1);
      decodeSteps++;
      decodeOrtNanos += ort;
      decodeNanos += System.nanoTime() - t0;
    }
    notifyObserver(k, kv);
  }

  /** One GPT pass; samples each row's next code from its last position. Returns ORT nanos. */
  private long runAndSample(Row[] batch, OnnxTensor embeds, OnnxTensor mask, KvCache kv, int seq)
      throws OrtException {
    feed.clear();
    feed.put(GraphContract.GPT_EMBEDS, embeds);
    feed.put(GraphContract.GPT_MASK, mask);
    kv.feedInto(feed);
    long t0 = System.nanoTime();
    OrtSession.Result result = gpt.run(feed);
    long ort = System.nanoTime() - t0;
    try {
      FloatBuffer logits = output(result, GraphContract.GPT_LOGITS);
      FloatBuffer hidden = output(result, GraphContract.GPT_HIDDEN);
      for (int i = 0; i < batch.length; i++) {
        long last = (long) i * seq + seq - 1;
        logits.position((int) (last * vocab));
        logits.get(logitsRow, 0, vocab);
        float[] latent = new float[dim];
        hidden.position((int) (last * dim));
        hidden.get(latent, 0, dim);
        batch[i].accept(sampler.sample(logitsRow, batch[i].seen, batch[i].rng), latent);
      }
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
    kv.advance(result, seq);
    feed.clear();
    return ort;
  }

  private static FloatBuffer output(OrtSession.Result r, String name) {
    return ((OnnxTensor) r.get(name).orElseThrow(() -> new ModelException("GPT result has no " + name)))
        .getFloatBuffer();
  }

  private Row[] active(Row[] batch) {
    int n = 0;
    for (Row r : batch) {
      n += r.finished ? 0 : 1;
    }
    if (n == batch.length) {
      return batch;
    }
    Row[] out = new Row[n];
    int j = 0;
    for (Row r : batch) {
      if (!r.finished) {
        out[j++] = r;
      }
    }
    return out;
  }

  private void notifyObserver(int step, KvCache kv) {
    if (observer != null) {
      observer.afterStep(step, kv.shape());
    }
  }

  private void ensureCapacity(int embeds, int mask) {
    if (embedsHost.length < embeds) {
      embedsHost = new float[embeds];
      embedsDirect = direct(embeds);
    }
    if (maskHost.length < mask) {
      int grown = Math.max(mask, maskHost.length * 2);
      maskHost = new float[grown];
      maskDirect = direct(grown);
    }
  }

  /** The length of a row's prefix: conditioning, [START] text [STOP], the start audio code. */
  static int prefixLength(float[][] cond, int[] text) {
    return cond.length + text.length + 2 + 1;
  }

  /**
   * Writes a row's unpadded prefix at dst[off..): {@code [cond | text_emb([START] t.. [STOP]) +
   * text_pos(0..) | mel_emb(start) + mel_pos(0)]} (xtts-onnx.md step 5).
   */
  static void writePrefix(XttsModel model, float[][] cond, int[] text, float[] dst, int off) {
    XttsModelDirectory dir = model.directory();
    EmbeddingTables emb = model.embeddings();
    int dim = emb.dim();
    for (float[] c : cond) {
      System.arraycopy(c, 0, dst, off, dim);
      off += dim;
    }
    emb.textInput(dir.startTextToken(), 0, dst, off);
    off += dim;
    for (int i = 0; i < text.length; i++) {
      emb.textInput(text[i], i + 1, dst, off);
      off += dim;
    }
    emb.textInput(dir.stopTextToken(), text.length + 1, dst, off);
    off += dim;
    emb.melInput(model.metadata().startAudioToken(), 0, dst, off);
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

  /** Per-row state: prefix, sampling history, RNG, codes and latents so far. */
  private final class Row {
    final float[][] cond;
    final int[] text;
    final int prefixLength;
    final SplittableRandom rng;
    final boolean[] seen = new boolean[vocab];
    final int[] codes = new int[maxCodes];
    final float[][] latents = new float[maxCodes][];
    int pad;
    int slot;
    int count;
    boolean finished;
    boolean stopped;

    Row(GenerationRequest r, int slot) {
      XttsModelDirectory dir = model.directory();
      if (r.condLatents().length != meta.perceiverOutputLen() || r.condLatents()[0].length != dim) {
        throw new IllegalArgumentException("conditioning latents must be [" + meta.perceiverOutputLen()
            + "][" + dim + "], got [" + r.condLatents().length + "][" + r.condLatents()[0].length + "]");
      }
      if (r.textTokens().length + 2 > emb.textPositions()) {
        throw new IllegalArgumentException(r.textTokens().length + " text tokens; at most "
            + (emb.textPositions() - 2) + " fit the text position table");
      }
      for (int t : r.textTokens()) {
        if (t < 0 || t >= dir.textVocabRows()) {
          throw new IllegalArgumentException("text token " + t + " outside the vocabulary of " + dir.textVocabRows());
        }
      }
      this.cond = r.condLatents();
      this.text = r.textTokens();
      this.prefixLength = prefixLength(cond, text);
      this.rng = new SplittableRandom(r.seed());
      this.slot = slot;
      seen[PREFIX_PLACEHOLDER_ID] = true;
      seen[meta.startAudioToken()] = true;
    }

    /** Writes the unpadded prefix at dst[off..). */
    void writePrefix(float[] dst, int off) {
      GptGenerator.writePrefix(model, cond, text, dst, off);
    }

    void accept(int code, float[] latent) {
      codes[count] = code;
      latents[count] = latent;
      count++;
      seen[code] = true;
      if (code == meta.stopAudioToken()) {
        finished = stopped = true;
      } else if (count == maxCodes) {
        finished = true;
      }
    }

    GeneratedCodes result() {
      return new GeneratedCodes(Arrays.copyOf(codes, count),
          Arrays.copyOf(latents, count), stopped, count);
    }
  }
}
