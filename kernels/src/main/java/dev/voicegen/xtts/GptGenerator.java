package dev.voicegen.xtts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * cache, at most once per step, so no compute is spent on finished rows. The cache stays in ONNX
 * Runtime's memory between steps ({@link BoundGptPasses}, kvBinding on) or goes through the Java
 * API's host tensors ({@link HostGptPasses}, the reference path); codes and latents are the same. The history starts with
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
  private final boolean bindKvCache;
  private final LogitsSampler sampler;
  private final int dim;
  private final int vocab;
  private final int maxCodes;
  private final float[] logitsRow;
  private float[] embedsHost = new float[0];
  private float[] maskHost = new float[0];
  private float[] logits = new float[0];
  private float[] hidden = new float[0];
  private StepObserver observer;

  private long prefills;
  private long prefillNanos;
  private long prefillOrtNanos;
  private long decodeSteps;
  private long decodeNanos;
  private long decodeOrtNanos;
  private long compactions;
  private long prefillHostBytes;
  private long decodeHostBytes;

  GptGenerator(XttsModel model, SamplingParams params, boolean bindKvCache) {
    this.model = model;
    this.meta = model.metadata();
    this.emb = model.embeddings();
    this.bindKvCache = bindKvCache;
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

  /** Whether the KV cache stays in ONNX Runtime's memory between steps (kvBinding on). */
  public boolean bindsKvCache() {
    return bindKvCache;
  }

  public GeneratorStats stats() {
    return new GeneratorStats(prefills, prefillNanos, prefillOrtNanos, decodeSteps, decodeNanos,
        decodeOrtNanos, compactions, prefillHostBytes, decodeHostBytes);
  }

  public void resetStats() {
    prefills = prefillNanos = prefillOrtNanos = decodeSteps = decodeNanos = decodeOrtNanos = compactions = 0;
    prefillHostBytes = decodeHostBytes = 0;
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
    try (GptPasses kv = bindKvCache ? new BoundGptPasses(model, rows.length) : new HostGptPasses(model, rows.length)) {
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
    }
    List<GeneratedCodes> out = new ArrayList<>(rows.length);
    for (Row r : rows) {
      out.add(r.result());
    }
    return out;
  }

  private void prefill(Row[] rows, int prefixLen, GptPasses kv) {
    long t0 = System.nanoTime();
    long bytes0 = kv.hostBytes();
    int b = rows.length;
    float[] embeds = new float[b * prefixLen * dim];
    float[] mask = new float[b * prefixLen];
    for (int i = 0; i < b; i++) {
      rows[i].writePrefix(embeds, (i * prefixLen + rows[i].pad) * dim);
      for (int t = rows[i].pad; t < prefixLen; t++) {
        mask[i * prefixLen + t] = 1f;
      }
    }
    long ort = runAndSample(rows, embeds, mask, kv, prefixLen);
    prefills++;
    prefillOrtNanos += ort;
    prefillNanos += System.nanoTime() - t0;
    prefillHostBytes += kv.hostBytes() - bytes0;
    notifyObserver(0, kv);
  }

  private void decodeStep(Row[] previous, Row[] batch, int k, GptPasses kv) {
    long t0 = System.nanoTime();
    long bytes0 = kv.hostBytes();
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
    int total = (int) kv.shape()[2] + 1;
    ensureCapacity(b * dim, b * total);
    for (int i = 0; i < b; i++) {
      Row r = batch[i];
      emb.melInput(r.codes[r.count - 1], k, embedsHost, i * dim);
      int base = i * total;
      Arrays.fill(maskHost, base, base + r.pad, 0f);
      Arrays.fill(maskHost, base + r.pad, base + total, 1f);
    }
    long ort = runAndSample(batch, embedsHost, maskHost, kv, 1);
    decodeSteps++;
    decodeOrtNanos += ort;
    decodeNanos += System.nanoTime() - t0;
    decodeHostBytes += kv.hostBytes() - bytes0;
    notifyObserver(k, kv);
  }

  /** One GPT pass; samples each row's next code from its last position. Returns ORT nanos. */
  private long runAndSample(Row[] batch, float[] embeds, float[] mask, GptPasses kv, int seq) {
    int b = batch.length;
    if (logits.length < b * vocab) {
      logits = new float[b * vocab];
      hidden = new float[b * dim];
    }
    long ort = kv.run(embeds, mask, b, seq, logits, hidden);
    for (int i = 0; i < b; i++) {
      System.arraycopy(logits, i * vocab, logitsRow, 0, vocab);
      float[] latent = Arrays.copyOfRange(hidden, i * dim, (i + 1) * dim);
      batch[i].accept(sampler.sample(logitsRow, batch[i].seen, batch[i].rng), latent);
    }
    return ort;
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

  private void notifyObserver(int step, GptPasses kv) {
    if (observer != null) {
      observer.afterStep(step, kv.shape());
    }
  }

  private void ensureCapacity(int embeds, int mask) {
    if (embedsHost.length < embeds) {
      embedsHost = new float[embeds];
    }
    if (maskHost.length < mask) {
      maskHost = new float[Math.max(mask, maskHost.length * 2)];
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
