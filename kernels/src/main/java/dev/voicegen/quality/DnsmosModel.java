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
 * DNSMOS as Microsoft's {@code DNSMOS/dnsmos_local.py} computes it: every 9.01 s window of a 16 kHz
 * clip ({@link DnsmosWindows}) goes as raw samples into the P.835 graph (SIG, BAK, OVRL, then
 * {@link DnsmosCalibration}) and as a log-mel ({@link P808Mel}) into the P.808 graph; a clip's
 * scores are the means over its windows.
 *
 * <p>Both graphs have a free batch axis, so the windows of all the clips given to one
 * {@link #score} call are stacked, up to {@link #BATCH_WINDOWS} per run. Thread-safe: the sessions
 * are ORT's (concurrent runs allowed) and every call has its own buffers, so one instance per JVM
 * serves every worker.
 */
public final class DnsmosModel implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(DnsmosModel.class);
  /** The P.835 graph of DNS-Challenge DNSMOS/DNSMOS/. */
  public static final String P835_FILE = "sig_bak_ovr.onnx";
  /** The P.808 graph of DNS-Challenge DNSMOS/DNSMOS/. */
  public static final String P808_FILE = "model_v8.onnx";
  /** Windows per ORT run: 16 windows are ~9 MB of samples and ~7 MB of mel features. */
  static final int BATCH_WINDOWS = 16;
  private static final String INPUT = "input_1";

  private final OrtSession.SessionOptions options;
  private final OrtSession p835;
  private final OrtSession p808;

  private DnsmosModel(OrtSession.SessionOptions options, OrtSession p835, OrtSession p808) {
    this.options = options;
    this.p835 = p835;
    this.p808 = p808;
  }

  /** The graph files missing from {@code dir}; empty when the model can be loaded. */
  public static List<String> missingFiles(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String f : List.of(P835_FILE, P808_FILE)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    return missing;
  }

  /** Opens and checks both graphs of {@code dir}. */
  public static DnsmosModel load(Path dir, OnnxSessions.Settings settings) {
    List<String> missing = missingFiles(dir);
    if (!missing.isEmpty()) {
      throw ModelException.of(dir.resolve(missing.get(0)).toString(), "missing");
    }
    long t0 = System.nanoTime();
    OrtSession.SessionOptions options = QualitySessions.options(settings);
    OrtSession p835 = null;
    OrtSession p808 = null;
    try {
      p835 = QualitySessions.open(dir, P835_FILE, options);
      GraphChecks g = QualitySessions.checks(dir, P835_FILE);
      g.tensor("input", g.inputs(p835), INPUT, 2, 1, DnsmosWindows.WINDOW);
      g.firstOutput(p835, 2, 1, 3);
      p808 = QualitySessions.open(dir, P808_FILE, options);
      g = QualitySessions.checks(dir, P808_FILE);
      Map<String, NodeInfo> in = g.inputs(p808);
      g.tensor("input", in, INPUT, 3, 1, P808Mel.FRAMES);
      g.tensor("input", in, INPUT, 3, 2, P808Mel.BANDS);
      g.firstOutput(p808, 2, 1, 1);
      LOG.info("Loaded DNSMOS from {} (device {}) in {} ms", dir, settings.device(),
          (System.nanoTime() - t0) / 1_000_000);
      return new DnsmosModel(options, p835, p808);
    } catch (RuntimeException e) {
      QualitySessions.closeQuietly(p835);
      QualitySessions.closeQuietly(p808);
      options.close();
      throw e;
    }
  }

  /** The scores of one clip (any rate and channel count). */
  public DnsmosScore score(AudioClip clip) {
    return score(List.of(clip)).get(0);
  }

  /** The scores of every clip, in order; windows of all clips share batches. */
  public List<DnsmosScore> score(List<AudioClip> clips) {
    List<DnsmosWindows> windows = new ArrayList<>(clips.size());
    List<int[]> jobs = new ArrayList<>(); // {clip, window}
    for (int c = 0; c < clips.size(); c++) {
      DnsmosWindows w = DnsmosWindows.of(MonoInput.at16k(clips.get(c)));
      windows.add(w);
      for (int i = 0; i < w.hops(); i++) {
        if (w.scored(i)) {
          jobs.add(new int[] {c, i});
        }
      }
    }
    double[][] sums = new double[clips.size()][4]; // raw SIG, BAK, OVRL, then P.808
    double[][] calibrated = new double[clips.size()][3];
    int[] counts = new int[clips.size()];
    for (int from = 0; from < jobs.size(); from += BATCH_WINDOWS) {
      List<int[]> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH_WINDOWS));
      float[][] out = run(batch, windows);
      for (int b = 0; b < batch.size(); b++) {
        int c = batch.get(b)[0];
        float[] r = out[b];
        for (int k = 0; k < 4; k++) {
          sums[c][k] += r[k];
        }
        calibrated[c][0] += DnsmosCalibration.sig(r[0]);
        calibrated[c][1] += DnsmosCalibration.bak(r[1]);
        calibrated[c][2] += DnsmosCalibration.ovrl(r[2]);
        counts[c]++;
      }
    }
    List<DnsmosScore> scores = new ArrayList<>(clips.size());
    for (int c = 0; c < clips.size(); c++) {
      double n = counts[c];
      scores.add(new DnsmosScore(calibrated[c][0] / n, calibrated[c][1] / n, calibrated[c][2] / n,
          sums[c][3] / n, sums[c][0] / n, sums[c][1] / n, sums[c][2] / n, counts[c]));
    }
    return scores;
  }

  /** Runs one batch of windows through both graphs: per window {SIG raw, BAK raw, OVRL raw, P.808}. */
  private float[][] run(List<int[]> batch, List<DnsmosWindows> windows) {
    int b = batch.size();
    float[] samples = new float[b * DnsmosWindows.WINDOW];
    float[] mel = new float[b * P808Mel.SIZE];
    for (int j = 0; j < b; j++) {
      float[] signal = windows.get(batch.get(j)[0]).signal();
      int start = DnsmosWindows.start(batch.get(j)[1]);
      System.arraycopy(signal, start, samples, j * DnsmosWindows.WINDOW, DnsmosWindows.WINDOW);
      P808Mel.compute(signal, start, mel, j * P808Mel.SIZE);
    }
    float[] p835Out = infer(p835, samples, new long[] {b, DnsmosWindows.WINDOW}, P835_FILE);
    float[] p808Out = infer(p808, mel, new long[] {b, P808Mel.FRAMES, P808Mel.BANDS}, P808_FILE);
    float[][] out = new float[b][];
    for (int j = 0; j < b; j++) {
      out[j] = new float[] {p835Out[3 * j], p835Out[3 * j + 1], p835Out[3 * j + 2], p808Out[j]};
    }
    return out;
  }

  private static float[] infer(OrtSession session, float[] input, long[] shape, String file) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
        OrtSession.Result r = session.run(Map.of(INPUT, in))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    } catch (OrtException e) {
      throw new ModelException(file + ": inference failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    QualitySessions.closeQuietly(p835);
    QualitySessions.closeQuietly(p808);
    options.close();
  }
}
