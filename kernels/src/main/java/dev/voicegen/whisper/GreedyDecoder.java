package dev.voicegen.whisper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ModelException;
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
 * {@code use_cache_branch=true}. When a row's language is to be detected, the first run is
 * {@code <|startoftranscript|>} alone, whose logits give the language and whose past (cross-attention
 * K/V included) the rest of the prompt continues from on the cached branch: the cross-attention
 * K/V are computed once per window, not once for detection and again for decoding. Rows advance
 * in lock step; a finished row is retired by copying the remaining rows' past, at most once per
 * step. Not thread-safe: one per transcriber.
 */
final class GreedyDecoder {
  /** Sees the past shapes {@code [B, heads, P, 64]} (self-attention, cross-attention) after every step. */
  interface StepObserver {
    void afterStep(int step, long[] decoderPast, long[] encoderPast);
  }

  /**
   * One 30-s window being decoded: its encoder output, prompt, and the tokens generated so far.
   * A prompt whose language token ({@code prompt[1]}) is negative takes the language detected on
   * {@code languageFrom}'s window (the first window of its clip, possibly itself).
   */
  static final class Row {
    final float[] encoderStates;
    final int[] prompt;
    Row languageFrom;
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

  /**
   * Decodes every row to <|endoftext|>, its step limit or max_length, in lock step; rows whose
   * language is unknown get it first (their {@code prompt[1]} is then filled in).
   */
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
      boolean detect = Arrays.stream(batch).anyMatch(r -> r.prompt[1] < 0);
      int from = 0;
      if (detect) {
        detectLanguages(batch, enc, cache);
        from = 1; // <|startoftranscript|> is in the past now
      }
      long[] ids = new long[batch.length * (promptLength - from)];
      for (int i = 0; i < batch.length; i++) {
        for (int t = from; t < promptLength; t++) {
          ids[i * (promptLength - from) + t - from] = batch[i].prompt[t];
        }
      }
      step(0, detect, batch, ids, promptLength - from, enc, cache, limit);
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
        step(k, true, batch, next, 1, enc, cache, limit);
        counters.stepNanos += System.nanoTime() - t0; // compaction included: it is host time of the step
      }
    } catch (OrtException e) {
      throw new ModelException("decoder run failed: " + e.getMessage(), e);
    } finally {
      if (enc != null) {
        enc.close();
      }
    }
  }

  /**
   * Decoder run {@code k} (0: the prompt, uncached unless detection ran first); appends each row's
   * greedy token, marks finished rows.
   */
  private void step(int k, boolean cached, Row[] batch, long[] ids, int seq, OnnxTensor enc, DecoderCache cache,
      int limit) throws OrtException {
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
    if (k > 0) {
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

  /**
   * The uncached run on {@code <|startoftranscript|>} alone: the language of each row that detects
   * (argmax over the language tokens, lowest id on ties) fills the prompts that wait for it; the
   * cache then holds every row's cross-attention K/V and one self-attention position.
   */
  private void detectLanguages(Row[] batch, OnnxTensor enc, DecoderCache cache) throws OrtException {
    long t0 = System.nanoTime();
    long[] ids = new long[batch.length];
    Arrays.fill(ids, config.startOfTranscript());
    try (OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {batch.length, 1})) {
      long t1 = System.nanoTime();
      OrtSession.Result r = run(in, enc, cache, false);
      counters.detectionOrtNanos += System.nanoTime() - t1;
      try {
        FloatBuffer logits = logits(r);
        for (int i = 0; i < batch.length; i++) {
          if (batch[i].languageFrom == batch[i]) {
            logits.position(i * vocab).get(logitsRow);
            batch[i].prompt[1] = bestLanguage(logitsRow);
          }
        }
      } catch (RuntimeException e) {
        r.close();
        throw e;
      }
      cache.advance(r, false);
    }
    for (Row row : batch) {
      if (row.prompt[1] < 0) {
        if (row.languageFrom == null || row.languageFrom.prompt[1] < 0) {
          throw new IllegalArgumentException("a row without a language has no detecting row in the batch");
        }
        row.prompt[1] = row.languageFrom.prompt[1];
      }
    }
    counters.detections++;
    counters.detectionNanos += System.nanoTime() - t0;
  }

  private int bestLanguage(float[] logits) {
    int best = -1;
    for (int id : config.languageIds().values()) {
      if (best < 0 || logits[id] > logits[best] || (logits[id] == logits[best] && id < best)) {
        best = id;
      }
    }
    return best;
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
        ModelException.of(WhisperGraphs.Graph.DECODER.file(), "result has no logits"))).getFloatBuffer();
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
