package dev.voicegen.whisper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batched greedy decoding on the merged decoder (specs/whisper-onnx.md steps 3-4). The first step
 * runs the whole prompt with {@code use_cache_branch=false} and an empty past (the graph computes
 * the cross-attention K/V from the encoder states); every later step feeds one token per row with
 * {@code use_cache_branch=true}. Rows advance in lock step; a finished row is retired by copying
 * the remaining rows' past, at most once per step. Not thread-safe: one per transcriber.
 */
final class GreedyDecoder {
  /** Sees the past shapes {@code [B, heads, P, 64]} (self-attention, cross-attention) after every step. */
  interface StepObserver {
    void afterStep(int step, long[] decoderPast, long[] encoderPast);
  }

  /** One 30-s window being decoded: its encoder output, prompt, and the tokens generated so far. */
  static final class Row {
    final float[] encoderStates;
    final int[] prompt;
    int[] tokens = new int[32];
    int count;
    int steps;
    boolean stopped;
    boolean finished;
    int slot;

    Row(float[] encoderStates, int[] prompt) {
      this.encoderStates = encoderStates;
      this.prompt = prompt;
    }

    int[] tokens() {
      return Arrays.copyOf(tokens, count);
    }
  }

  private final WhisperConfig config;
  private final OrtEnvironment env;
  private final OrtSession decoder;
  private final TokenSuppression suppression;
  private final int fixedSteps;
  private final int states;
  private final int vocab;
  private final float[] logitsRow;
  private final Map<String, OnnxTensor> feed = new HashMap<>();
  private FloatBuffer statesDirect = ByteBuffer.allocateDirect(0).asFloatBuffer();
  private StepObserver observer;
  final Counters counters = new Counters();

  /** Time and run counts of the decoder, read by {@link WhisperTranscriber#stats()}. */
  static final class Counters {
    long detections;
    long detectionNanos;
    long detectionOrtNanos;
    long prefills;
    long prefillNanos;
    long prefillOrtNanos;
    long steps;
    long stepNanos;
    long stepOrtNanos;
    long compactions;
  }

  GreedyDecoder(WhisperModel model, DecodingOptions options) {
    this.config = model.config();
    this.env = model.env();
    this.decoder = model.decoderSession();
    this.fixedSteps = options.fixedSteps();
    this.suppression = new TokenSuppression(config, fixedSteps > 0);
    this.states = WhisperGraphs.AUDIO_CTX * config.dModel();
    this.vocab = config.vocabSize();
    this.logitsRow = new float[vocab];
  }

  void setStepObserver(StepObserver observer) {
    this.observer = observer;
  }

  /** Language token ids: argmax over the language tokens of the logits after <|startoftranscript|>. */
  int[] detectLanguages(List<float[]> encoderStates) {
    int b = encoderStates.size();
    long t0 = System.nanoTime();
    long[] ids = new long[b];
    Arrays.fill(ids, config.startOfTranscript());
    int[] out = new int[b];
    try (DecoderCache cache = DecoderCache.empty(env, config, b);
        OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, 1});
        OnnxTensor enc = encoderTensor(encoderStates)) {
      long t1 = System.nanoTime();
      try (OrtSession.Result r = run(in, enc, cache, false)) {
        counters.detectionOrtNanos += System.nanoTime() - t1;
        FloatBuffer logits = logits(r);
        for (int i = 0; i < b; i++) {
          logits.position(i * vocab).get(logitsRow);
          int best = -1;
          for (int id : config.languageIds().values()) {
            if (best < 0 || logitsRow[id] > logitsRow[best] || (logitsRow[id] == logitsRow[best] && id < best)) {
              best = id;
            }
          }
          out[i] = best;
        }
      }
    } catch (OrtException e) {
      throw new WhisperModelException("language detection failed: " + e.getMessage(), e);
    }
    counters.detections++;
    counters.detectionNanos += System.nanoTime() - t0;
    return out;
  }

  /** Decodes every row to <|endoftext|>, its step limit or max_length, in lock step. */
  void decode(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int promptLength = rows.get(0).prompt.length;
    Row[] batch = rows.toArray(new Row[0]);
    for (int i = 0; i < batch.length; i++) {
      if (batch[i].prompt.length != promptLength) {
        throw new IllegalArgumentException("prompts differ in length");
      }
      batch[i].slot = i;
    }
    // HF max_length counts the prompt: at most max_length - prompt tokens are generated.
    int limit = config.maxLength() - promptLength;
    if (fixedSteps > 0) {
      limit = Math.min(limit, fixedSteps);
    }
    OnnxTensor enc = null;
    try (DecoderCache cache = DecoderCache.empty(env, config, batch.length)) {
      enc = encoderTensor(Arrays.stream(batch).map(r -> r.encoderStates).toList());
      long[] ids = new long[batch.length * promptLength];
      for (int i = 0; i < batch.length; i++) {
        for (int t = 0; t < promptLength; t++) {
          ids[i * promptLength + t] = batch[i].prompt[t];
        }
      }
      step(0, batch, ids, promptLength, enc, cache, limit);
      for (int k = 1; ; k++) {
        Row[] active = active(batch);
        if (active.length == 0) {
          break;
        }
        long t0 = System.nanoTime();
        if (active.length != batch.length) {
          int[] keep = new int[active.length];
          for (int i = 0; i < active.length; i++) {
            keep[i] = active[i].slot;
            active[i].slot = i;
          }
          cache.retain(keep);
          enc.close();
          enc = encoderTensor(Arrays.stream(active).map(r -> r.encoderStates).toList());
          counters.compactions++;
        }
        batch = active;
        long[] next = new long[batch.length];
        for (int i = 0; i < batch.length; i++) {
          next[i] = batch[i].tokens[batch[i].count - 1];
        }
        step(k, batch, next, 1, enc, cache, limit);
        counters.stepNanos += System.nanoTime() - t0; // compaction included: it is host time of the step
      }
    } catch (OrtException e) {
      throw new WhisperModelException("decoder run failed: " + e.getMessage(), e);
    } finally {
      if (enc != null) {
        enc.close();
      }
    }
  }

  /** Decoder run {@code k} (0: prompt, no cache); appends each row's greedy token, marks finished rows. */
  private void step(int k, Row[] batch, long[] ids, int seq, OnnxTensor enc, DecoderCache cache, int limit)
      throws OrtException {
    boolean cached = k > 0;
    long t0 = System.nanoTime();
    long ort;
    try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch.length, seq})) {
      long t1 = System.nanoTime();
      OrtSession.Result r = run(in, enc, cache, cached);
      ort = System.nanoTime() - t1;
      try {
        FloatBuffer logits = logits(r);
        for (int i = 0; i < batch.length; i++) {
          logits.position((i * seq + seq - 1) * vocab).get(logitsRow); // only the last position matters
          accept(batch[i], suppression.argmax(logitsRow, 0, batch[i].count == 0), limit);
        }
      } catch (RuntimeException e) {
        r.close();
        throw e;
      }
      cache.advance(r, cached);
    }
    if (cached) {
      counters.steps++;
      counters.stepOrtNanos += ort;
    } else {
      counters.prefills++;
      counters.prefillOrtNanos += ort;
      counters.prefillNanos += System.nanoTime() - t0;
    }
    if (observer != null) {
      observer.afterStep(k, cache.decoderShape(), cache.encoderShape());
    }
  }

  private void accept(Row row, int token, int limit) {
    row.steps++;
    if (token == config.endOfText()) {
      row.finished = row.stopped = true;
      return;
    }
    if (row.count == row.tokens.length) {
      row.tokens = Arrays.copyOf(row.tokens, row.count * 2);
    }
    row.tokens[row.count++] = token;
    if (row.count >= limit) {
      row.finished = true;
    }
  }

  private OrtSession.Result run(OnnxTensor ids, OnnxTensor enc, DecoderCache cache, boolean cached)
      throws OrtException {
    try (OnnxTensor flag = OnnxTensor.createTensor(env, new boolean[] {cached})) {
      feed.clear();
      feed.put(WhisperGraphs.INPUT_IDS, ids);
      feed.put(WhisperGraphs.ENCODER_STATES, enc);
      feed.put(WhisperGraphs.USE_CACHE, flag);
      cache.feedInto(feed);
      OrtSession.Result r = decoder.run(feed);
      feed.clear();
      return r;
    }
  }

  /** The logits {@code [B, S, V]} of a result, row-major. */
  private static FloatBuffer logits(OrtSession.Result r) {
    return ((OnnxTensor) r.get(WhisperGraphs.LOGITS).orElseThrow(() ->
        WhisperModelException.of(WhisperGraphs.DECODER_FILE, "result has no logits"))).getFloatBuffer();
  }

  /** {@code [B, 1500, D]} from the rows' encoder outputs, in a reused direct buffer. */
  private OnnxTensor encoderTensor(List<float[]> rows) throws OrtException {
    int n = rows.size() * states;
    if (statesDirect.capacity() < n) {
      statesDirect = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
    statesDirect.clear();
    for (float[] r : rows) {
      statesDirect.put(r);
    }
    statesDirect.flip();
    return OnnxTensor.createTensor(env, statesDirect.slice(),
        new long[] {rows.size(), WhisperGraphs.AUDIO_CTX, config.dModel()});
  }

  private static Row[] active(Row[] batch) {
    return Arrays.stream(batch).filter(r -> !r.finished).toArray(Row[]::new);
  }
}
