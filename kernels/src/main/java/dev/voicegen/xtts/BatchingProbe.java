package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.audio.dsp.Resampler;
import dev.voicegen.audio.features.XttsConditioningMel;
import dev.voicegen.audio.features.XttsSpeakerMel;
import dev.voicegen.onnx.ModelException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Checks at load what the batched engine relies on and the export does not promise
 * (specs/xtts-onnx.md "Where real models come from"): a batch axis on every graph the engine
 * batches, attention-mask zeros honoured during the GPT prefill, and {@code hidden_states} taken by
 * the vocoder. Each graph runs a batch of 2 and each of its rows alone, on inputs made like the
 * engine's (two synthetic voices through the real mel front end, a left-padded GPT prefix); the
 * batch must match the rows alone within {@link #TOLERANCE}. Inputs live on the host, so the
 * probe is the same on every execution provider.
 */
public final class BatchingProbe {
  /**
   * Largest difference allowed between a row in a batch and the row alone, relative to the row's
   * largest magnitude when that exceeds 1: float32 kernels reorder sums by batch size, a mask that
   * is not honoured moves values by whole units.
   */
  public static final double TOLERANCE = 1e-4;
  /** Synthetic voice length: 1.5 s gives one conditioning chunk (over the 0.33-s minimum). */
  private static final double VOICE_SECONDS = 1.5;
  /** Fundamentals of the two synthetic voices, Hz (a low and a high speaking pitch). */
  private static final double[] VOICE_F0 = {110, 205};
  /** Text tokens of the two GPT rows: unequal, so the shorter one is left-padded. */
  private static final int[] TEXT_LENGTHS = {5, 12};
  /** Latent frames each row gives the vocoder (equal: the engine batches equal lengths only). */
  private static final int VOCODER_FRAMES = 16;

  /**
   * What the probe found.
   *
   * @param on whether rows may share graph calls
   * @param reason why not (each failing check), or null when on
   * @param checks one line per graph: what ran and how far the batch was from the rows alone
   */
  public record Result(boolean on, String reason, List<String> checks) {
    /** {@code on} or {@code off (<reason>)}, as summary.json's {@code xtts_batching}. */
    @Override
    public String toString() {
      return on ? "on" : "off (" + reason + ")";
    }
  }

  private final XttsModel model;
  private final XttsMetadata meta;
  private final List<String> checks = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private BatchingProbe(XttsModel model) {
    this.model = model;
    this.meta = model.metadata();
  }

  /**
   * Probes a freshly loaded model.
   *
   * @throws ModelException when a graph fails on a single row: the model cannot work at all
   */
  static Result run(XttsModel model) {
    return new BatchingProbe(model).probe();
  }

  private Result probe() {
    float[][] voices = {voice(0), voice(1)};
    XttsConditioningMel condMel = new XttsConditioningMel(model.melStats());
    List<float[][]> mels = List.of(condMel.compute(voices[0]), condMel.compute(voices[1]));
    float[][][] latents = conditioningEncoder(mels);
    float[][][] hidden = gpt(latents);
    float[][] speakers = new float[2][];
    for (int v = 0; v < 2; v++) {
      float[] at16k = Resampler.resample(voices[v], XttsConditioningMel.SAMPLE_RATE, XttsSpeakerMel.SAMPLE_RATE);
      speakers[v] = model.speakerEmbedding(new XttsSpeakerMel().compute(at16k));
    }
    vocoder(hidden, speakers);
    return failures.isEmpty()
        ? new Result(true, null, List.copyOf(checks))
        : new Result(false, String.join("; ", failures), List.copyOf(checks));
  }

  /** Both rows alone (their latents feed the GPT check), then together. */
  private float[][][] conditioningEncoder(List<float[][]> mels) {
    String file = meta.conditioningEncoderFile();
    int len = meta.perceiverOutputLen();
    int d = meta.embedDim();
    float[][] alone = new float[2][];
    for (int r = 0; r < 2; r++) {
      List<float[][]> one = Collections.singletonList(mels.get(r));
      alone[r] = single(file, () -> model.encodeConditioning(one));
    }
    float[] both;
    try {
      both = model.encodeConditioning(mels);
    } catch (ModelException e) {
      fail(file, "does not run a batch of 2: " + oneLine(e));
      return new float[][][] {unflatten(alone[0], len, d), unflatten(alone[1], len, d)};
    }
    double diff = 0;
    for (int r = 0; r < 2; r++) {
      diff = Math.max(diff, relativeDiff(both, r * len * d, alone[r], 0, len * d));
    }
    compare(file, "batch of 2 vs one row at a time", diff, "rows of a batch of 2 differ from the rows alone");
    return new float[][][] {unflatten(alone[0], len, d), unflatten(alone[1], len, d)};
  }

  /**
   * Prefill of a short row left-padded next to a longer one, against each row alone: logits and
   * hidden states at every real position. Returns each row's hidden states alone ({@code [S][D]}).
   */
  private float[][][] gpt(float[][][] latents) {
    String file = meta.gptFile(model.settings().int8());
    int d = meta.embedDim();
    int v = meta.numAudioTokens();
    int[][] text = {tokens(TEXT_LENGTHS[0], 0), tokens(TEXT_LENGTHS[1], 1)};
    int[] len = {GptGenerator.prefixLength(latents[0], text[0]), GptGenerator.prefixLength(latents[1], text[1])};
    int longest = Math.max(len[0], len[1]);
    Prefill[] alone = new Prefill[2];
    for (int r = 0; r < 2; r++) {
      float[] embeds = new float[len[r] * d];
      GptGenerator.writePrefix(model, latents[r], text[r], embeds, 0);
      float[] mask = new float[len[r]];
      Arrays.fill(mask, 1f);
      int row = r;
      alone[r] = single(file, () -> prefill(embeds, mask, 1, len[row]));
    }
    float[] embeds = new float[2 * longest * d];
    float[] mask = new float[2 * longest];
    for (int r = 0; r < 2; r++) {
      int pad = longest - len[r];
      GptGenerator.writePrefix(model, latents[r], text[r], embeds, (r * longest + pad) * d);
      Arrays.fill(mask, r * longest + pad, (r + 1) * longest, 1f);
    }
    float[][][] hidden = {unflatten(alone[0].hidden, len[0], d), unflatten(alone[1].hidden, len[1], d)};
    Prefill both;
    try {
      both = prefill(embeds, mask, 2, longest);
    } catch (ModelException e) {
      fail(file, "does not run a batch of 2: " + oneLine(e));
      return hidden;
    }
    double[] logits = new double[2];
    double[] states = new double[2];
    for (int r = 0; r < 2; r++) {
      int at = r * longest + longest - len[r];
      logits[r] = relativeDiff(both.logits, at * v, alone[r].logits, 0, len[r] * v);
      states[r] = relativeDiff(both.hidden, at * d, alone[r].hidden, 0, len[r] * d);
    }
    int padded = len[0] < len[1] ? 0 : 1;
    checks.add(String.format(Locale.ROOT,
        "%s: prefill of a row left-padded by %d vs alone: logits %.1e, hidden_states %.1e; unpadded row %.1e"
            + " (tolerance %.0e)", file, Math.abs(len[0] - len[1]), logits[padded], states[padded],
        Math.max(logits[1 - padded], states[1 - padded]), TOLERANCE));
    if (Math.max(logits[1 - padded], states[1 - padded]) > TOLERANCE) {
      failures.add(file + ": rows of a batch of 2 differ from the rows alone by "
          + format(Math.max(logits[1 - padded], states[1 - padded])));
    } else if (Math.max(logits[padded], states[padded]) > TOLERANCE) {
      failures.add(file + " does not honour attention_mask zeros: a left-padded row's prefill differs from"
          + " the row alone by " + format(Math.max(logits[padded], states[padded])) + " (logits "
          + format(logits[padded]) + ", hidden_states " + format(states[padded]) + ")");
    }
    return hidden;
  }

  /** Each row's last GPT hidden states as vocoder latents, alone and as a batch of 2. */
  private void vocoder(float[][][] hidden, float[][] speakers) {
    String file = meta.hifiganVocoderFile();
    List<float[][]> latents = new ArrayList<>();
    for (float[][] h : hidden) {
      int frames = Math.min(VOCODER_FRAMES, h.length);
      latents.add(Arrays.copyOfRange(h, h.length - frames, h.length));
    }
    int frames = Math.min(latents.get(0).length, latents.get(1).length);
    for (int r = 0; r < 2; r++) {
      float[][] l = latents.get(r);
      latents.set(r, Arrays.copyOfRange(l, l.length - frames, l.length));
    }
    float[][] alone = new float[2][];
    for (int r = 0; r < 2; r++) {
      int row = r;
      alone[r] = single(file, () -> model.vocodeCall(Collections.singletonList(latents.get(row)), List.of(speakers[row])).get(0));
      if (alone[r].length == 0 || !finite(alone[r])) {
        throw ModelException.of(file, "batching probe: GPT hidden_states as latents give "
            + (alone[r].length == 0 ? "no samples" : "non-finite samples"));
      }
    }
    List<float[]> both;
    try {
      both = model.vocodeCall(latents, Arrays.asList(speakers));
    } catch (ModelException e) {
      fail(file, "does not run a batch of 2: " + oneLine(e));
      return;
    }
    double diff = 0;
    for (int r = 0; r < 2; r++) {
      diff = Math.max(diff, both.get(r).length != alone[r].length
          ? Double.POSITIVE_INFINITY
          : relativeDiff(both.get(r), 0, alone[r], 0, alone[r].length));
    }
    compare(file, "hidden_states as latents (" + frames + " frames), batch of 2 vs one row at a time", diff,
        "rows of a batch of 2 differ from the rows alone");
  }

  /** The prefill outputs of one call: logits {@code [B*S*V]}, hidden states {@code [B*S*D]}. */
  private record Prefill(float[] logits, float[] hidden) {}

  private Prefill prefill(float[] embeds, float[] mask, int batch, int seq) {
    int d = meta.embedDim();
    try (KvCache past = KvCache.empty(model.env(), meta, batch);
        OnnxTensor e = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(embeds), new long[] {batch, seq, d});
        OnnxTensor m = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(mask), new long[] {batch, seq})) {
      Map<String, OnnxTensor> feed = new HashMap<>();
      feed.put(GraphContract.GPT_EMBEDS, e);
      feed.put(GraphContract.GPT_MASK, m);
      past.feedInto(feed);
      try (OrtSession.Result r = model.gptSession().run(feed)) {
        float[] logits = values(r, GraphContract.GPT_LOGITS, (long) batch * seq * meta.numAudioTokens());
        float[] hidden = values(r, GraphContract.GPT_HIDDEN, (long) batch * seq * d);
        return new Prefill(logits, hidden);
      }
    } catch (OrtException ex) {
      throw new ModelException("ONNX Runtime run failed: " + ex.getMessage(), ex);
    }
  }

  private static float[] values(OrtSession.Result r, String name, long expected) {
    FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow(() -> new ModelException("GPT result has no " + name)))
        .getFloatBuffer();
    if (fb.remaining() != expected) {
      throw new ModelException("GPT output " + name + " has " + fb.remaining() + " values, expected " + expected);
    }
    float[] out = new float[fb.remaining()];
    fb.get(out);
    return out;
  }

  /** Runs a single-row call; a failure there is no batching question but a broken model. */
  private static <T> T single(String file, Supplier<T> call) {
    try {
      return call.get();
    } catch (ModelException e) {
      throw ModelException.of(file, "batching probe: fails on a single row: " + oneLine(e));
    }
  }

  private void compare(String file, String what, double diff, String failure) {
    checks.add(String.format(Locale.ROOT, "%s: %s: %.1e (tolerance %.0e)", file, what, diff, TOLERANCE));
    if (!(diff <= TOLERANCE)) {
      failures.add(file + ": " + failure + " by " + format(diff));
    }
  }

  private void fail(String file, String why) {
    checks.add(file + ": " + why);
    failures.add(file + " " + why);
  }

  /** Max |a - b| over n values, divided by the largest |b| when that exceeds 1. */
  static double relativeDiff(float[] a, int aOff, float[] b, int bOff, int n) {
    double diff = 0;
    double scale = 1;
    for (int i = 0; i < n; i++) {
      double x = a[aOff + i];
      double y = b[bOff + i];
      diff = Math.max(diff, Double.isNaN(x - y) ? Double.POSITIVE_INFINITY : Math.abs(x - y));
      scale = Math.max(scale, Math.abs(y));
    }
    return diff / scale;
  }

  /**
   * A synthetic voice: a harmonic series on {@code VOICE_F0[v]} with a slow vibrato and a little
   * noise, so the mel front end sees speech-like energy; at the conditioning rate (22050 Hz).
   */
  private static float[] voice(int v) {
    int rate = XttsConditioningMel.SAMPLE_RATE;
    int n = (int) (VOICE_SECONDS * rate);
    float[] s = new float[n];
    SplittableRandom noise = new SplittableRandom(v + 1);
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double t = i / (double) rate;
      phase += 2 * Math.PI * VOICE_F0[v] * (1 + 0.03 * Math.sin(2 * Math.PI * 5 * t)) / rate;
      double x = 0;
      for (int h = 1; h <= 12; h++) {
        x += Math.sin(h * phase) / h;
      }
      s[i] = (float) (0.2 * x + 0.01 * (noise.nextDouble() - 0.5));
    }
    return s;
  }

  /** Text ids of a row: ordinary tokens of the vocabulary (past [STOP], [UNK], [SPACE]). */
  private int[] tokens(int n, int row) {
    int vocab = model.directory().textVocabRows();
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 3 + (row * 31 + i * 7) % (vocab - 3);
    }
    return t;
  }

  private static float[][] unflatten(float[] flat, int rows, int cols) {
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  private static boolean finite(float[] x) {
    for (float f : x) {
      if (!Float.isFinite(f)) {
        return false;
      }
    }
    return true;
  }

  /** The exception's message on one line (ORT's span several), cut to fit a log line. */
  private static String oneLine(RuntimeException e) {
    String m = String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " ");
    return m.length() <= 300 ? m : m.substring(0, 300) + "...";
  }

  private static String format(double x) {
    return String.format(Locale.ROOT, "%.1e", x);
  }
}
