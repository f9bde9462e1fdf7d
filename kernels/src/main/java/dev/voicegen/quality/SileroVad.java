package dev.voicegen.quality;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.onnx.GraphChecks;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Silero VAD v5 (silero_vad.onnx) run as the silero-vad package's {@code OnnxWrapper} runs it
 * inside {@code get_speech_timestamps}: the 16 kHz clip in 512-sample chunks (the last one padded
 * with zeros), each preceded by the previous chunk's last 64 samples (zeros before the first), the
 * recurrent state carried from chunk to chunk from zeros; one speech probability per chunk. The
 * segments then follow {@link SpeechTimestamps}.
 *
 * <p>The graph's batch axis is free and the state is per row, so the clips of one {@link #detect}
 * call advance in lock step, one row each, and a clip leaves the batch when its chunks are done.
 * Thread-safe: one instance per JVM serves every worker (each call has its own state).
 */
public final class SileroVad implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(SileroVad.class);
  /** The graph of snakers4/silero-vad src/silero_vad/data/. */
  public static final String FILE = "silero_vad.onnx";
  /** OnnxWrapper: context_size 64 at 16 kHz. */
  static final int CONTEXT = 64;
  /** The recurrent state: [2, batch, 128] (OnnxWrapper.reset_states). */
  static final int STATE = 128;
  /** Clips per lock-step batch. */
  static final int BATCH_CLIPS = 32;
  private static final int CHUNK = SpeechTimestamps.CHUNK;

  private final OrtSession.SessionOptions options;
  private final OrtSession session;

  private SileroVad(OrtSession.SessionOptions options, OrtSession session) {
    this.options = options;
    this.session = session;
  }

  public static boolean present(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /** Opens and checks {@code dir/silero_vad.onnx}. */
  public static SileroVad load(Path dir, OnnxSessions.Settings settings) {
    if (!present(dir)) {
      throw ModelException.of(dir.resolve(FILE).toString(), "missing");
    }
    long t0 = System.nanoTime();
    OrtSession.SessionOptions options = QualitySessions.options(settings);
    OrtSession session = null;
    try {
      session = QualitySessions.open(dir, FILE, options);
      GraphChecks g = QualitySessions.checks(dir, FILE);
      Map<String, NodeInfo> in = g.inputs(session);
      g.tensor("input", in, "input", 2, -1, 0);
      g.tensor("input", in, "state", 3, 2, STATE);
      g.tensor("input", in, "sr", 0, -1, 0);
      Map<String, NodeInfo> out = g.outputs(session);
      g.tensor("output", out, "output", 2, -1, 0);
      g.tensor("output", out, "stateN", 3, -1, 0);
      LOG.info("Loaded Silero VAD from {} (device {}) in {} ms", dir, settings.device(),
          (System.nanoTime() - t0) / 1_000_000);
      return new SileroVad(options, session);
    } catch (RuntimeException e) {
      QualitySessions.closeQuietly(session);
      options.close();
      throw e;
    }
  }

  /** Probabilities and segments of every clip (any rate and channel count), in order. */
  public List<VadResult> detect(List<AudioClip> clips, VadParameters parameters) {
    List<float[]> signals = clips.stream().map(MonoInput::at16k).toList();
    float[][] probabilities = probabilities(signals);
    List<VadResult> results = new ArrayList<>(clips.size());
    for (int c = 0; c < signals.size(); c++) {
      results.add(new VadResult(probabilities[c],
          SpeechTimestamps.segments(probabilities[c], signals.get(c).length, parameters)));
    }
    return results;
  }

  public VadResult detect(AudioClip clip) {
    return detect(List.of(clip), VadParameters.DEFAULTS).get(0);
  }

  /** The speech probability of every chunk of every 16 kHz mono signal. */
  public float[][] probabilities(List<float[]> signals) {
    float[][] out = new float[signals.size()][];
    for (int from = 0; from < signals.size(); from += BATCH_CLIPS) {
      int to = Math.min(signals.size(), from + BATCH_CLIPS);
      lockStep(signals, from, to, out);
    }
    return out;
  }

  /** Runs signals[from, to) chunk by chunk together; finished rows leave the batch. */
  private void lockStep(List<float[]> signals, int from, int to, float[][] out) {
    List<Integer> active = new ArrayList<>();
    for (int c = from; c < to; c++) {
      out[c] = new float[(signals.get(c).length + CHUNK - 1) / CHUNK];
      if (out[c].length > 0) {
        active.add(c);
      }
    }
    float[] state = new float[2 * active.size() * STATE];
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    for (int step = 0; !active.isEmpty(); step++) {
      int b = active.size();
      float[] input = new float[b * (CONTEXT + CHUNK)];
      for (int r = 0; r < b; r++) {
        // context: the last 64 samples of the previous chunk (zeros before the first and past the end)
        copy(signals.get(active.get(r)), (long) step * CHUNK - CONTEXT, input, r * (CONTEXT + CHUNK), CONTEXT + CHUNK);
      }
      float[] probs;
      try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {b, CONTEXT + CHUNK});
          OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, b, STATE});
          OnnxTensor sr = OnnxTensor.createTensor(env, (long) MonoInput.RATE);
          OrtSession.Result r = session.run(Map.of("input", x, "state", s, "sr", sr))) {
        probs = floats((OnnxTensor) r.get("output").orElseThrow());
        state = floats((OnnxTensor) r.get("stateN").orElseThrow());
      } catch (OrtException e) {
        throw new ModelException(FILE + ": inference failed: " + e.getMessage(), e);
      }
      List<Integer> kept = new ArrayList<>(b);
      for (int r = 0; r < b; r++) {
        int c = active.get(r);
        out[c][step] = probs[r];
        if (step + 1 < out[c].length) {
          kept.add(r);
        }
      }
      if (kept.size() < b) {
        state = keepRows(state, b, kept);
        List<Integer> next = new ArrayList<>(kept.size());
        kept.forEach(r -> next.add(active.get(r)));
        active.clear();
        active.addAll(next);
      }
    }
  }

  /** signal[start, start + n) into dst at offset, zeros outside the signal. */
  private static void copy(float[] signal, long start, float[] dst, int offset, int n) {
    for (int i = 0; i < n; i++) {
      long j = start + i;
      dst[offset + i] = j >= 0 && j < signal.length ? signal[(int) j] : 0f;
    }
  }

  /** The state [2, b, 128] reduced to the rows in {@code kept}. */
  private static float[] keepRows(float[] state, int b, List<Integer> kept) {
    float[] out = new float[2 * kept.size() * STATE];
    for (int layer = 0; layer < 2; layer++) {
      for (int k = 0; k < kept.size(); k++) {
        System.arraycopy(state, (layer * b + kept.get(k)) * STATE, out, (layer * kept.size() + k) * STATE, STATE);
      }
    }
    return out;
  }

  private static float[] floats(OnnxTensor t) {
    FloatBuffer fb = t.getFloatBuffer();
    float[] a = new float[fb.remaining()];
    fb.get(a);
    return a;
  }

  @Override
  public void close() {
    QualitySessions.closeQuietly(session);
    options.close();
  }
}
