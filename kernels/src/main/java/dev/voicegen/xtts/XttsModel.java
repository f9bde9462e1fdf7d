package dev.voicegen.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.RowGather;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A loaded XTTS v2 model: the four ONNX Runtime sessions, checked against {@link GraphContract},
 * and the embedding tables. Thread-safe for concurrent calls (ORT sessions are); load one per JVM.
 * Loading ends with the {@link BatchingProbe}: when it finds a graph unfit for batches, every call
 * runs one row at a time (same results, slower) and the load says why once.
 */
public final class XttsModel implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(XttsModel.class);

  private final XttsModelDirectory dir;
  private final OnnxSessions.Settings settings;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession condEncoder;
  private final OrtSession speakerEncoder;
  private final OrtSession gpt;
  private final OrtSession vocoder;
  private final EmbeddingTables embeddings;
  private final float[] melStats;
  // set once by load(), before the model is handed out
  private BatchingProbe.Result batching;
  private RowGather rowGather;

  private XttsModel(XttsModelDirectory dir, OnnxSessions.Settings settings, OrtEnvironment env,
      OrtSession.SessionOptions options, List<OrtSession> s, EmbeddingTables e, float[] melStats) {
    this.dir = dir;
    this.settings = settings;
    this.env = env;
    this.options = options;
    this.condEncoder = s.get(0);
    this.speakerEncoder = s.get(1);
    this.gpt = s.get(2);
    this.vocoder = s.get(3);
    this.embeddings = e;
    this.melStats = melStats;
  }

  /** Loads on the CPU with all cores. */
  public static XttsModel load(Path root) {
    return load(root, OnnxSessions.Settings.defaults());
  }

  /**
   * Checks the directory, opens the sessions, checks their tensors, loads the tables, and probes
   * batching unless this user's probe records already hold the result for these files, runtime and
   * device ({@link ProbeRecords}).
   */
  public static XttsModel load(Path root, OnnxSessions.Settings settings) {
    return load(root, settings, false);
  }

  /** As {@link #load(Path, OnnxSessions.Settings)}; {@code freshProbe} probes whatever the records hold. */
  public static XttsModel load(Path root, OnnxSessions.Settings settings, boolean freshProbe) {
    return load(root, settings, ProbeRecords.standard(), freshProbe);
  }

  static XttsModel load(Path root, OnnxSessions.Settings settings, ProbeRecords records, boolean freshProbe) {
    long t0 = System.nanoTime();
    XttsModelDirectory dir = XttsModelDirectory.open(root);
    XttsMetadata m = dir.metadata();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = OnnxSessions.options(settings);
    List<OrtSession> sessions = new ArrayList<>();
    try {
      String gptFile = m.gptFile(settings.int8());
      for (String f : List.of(m.conditioningEncoderFile(), m.speakerEncoderFile(), gptFile, m.hifiganVocoderFile())) {
        sessions.add(OnnxSessions.open(env, root, f, options));
      }
      GraphContract.checkConditioningEncoder(sessions.get(0), m.conditioningEncoderFile(), m);
      GraphContract.checkSpeakerEncoder(sessions.get(1), m.speakerEncoderFile());
      GraphContract.checkGpt(sessions.get(2), gptFile, m);
      GraphContract.checkVocoder(sessions.get(3), m.hifiganVocoderFile(), m);
      XttsModel model = new XttsModel(dir, settings, env, options, sessions, dir.loadEmbeddings(), dir.loadMelStats());
      if (settings.bindKvCache()) {
        model.rowGather(); // the C API and the gather graph fail here, at load, when unusable
      }
      String probe = model.probeBatching(records, freshProbe);
      if (!model.batching.on()) {
        LOG.warn("XTTS batching off for {}: {}. Every row runs on its own (same output, slower)", root,
            model.batching.reason());
      }
      LOG.info("Loaded XTTS model {} ({} layers x {}, device {}, {} threads, batching {}, {}) in {} ms",
          root, m.nLayer(), m.embedDim(), settings.device(), settings.effectiveThreads(),
          model.batching.on() ? "on" : "off", probe, (System.nanoTime() - t0) / 1_000_000);
      return model;
    } catch (RuntimeException e) {
      sessions.forEach(XttsModel::closeQuietly);
      options.close();
      throw e;
    }
  }

  /**
   * Sets {@link #batching}: from the probe record of these files, runtime and device (unless
   * {@code fresh}), or by probing (and recording the result). Returns how, for the load's log line.
   */
  private String probeBatching(ProbeRecords records, boolean fresh) {
    String key;
    try {
      key = ProbeRecords.key(dir.root(), settings);
    } catch (RuntimeException e) {
      LOG.debug("No XTTS probe record key for {} ({}): probing", dir.root(), e.toString());
      key = null;
    }
    if (key != null && !fresh) {
      var found = records.find(key);
      if (found.isPresent()) {
        batching = found.get();
        return "probe result read from " + records.folder();
      }
    }
    long probeStart = System.nanoTime();
    batching = BatchingProbe.run(this);
    long probeMs = (System.nanoTime() - probeStart) / 1_000_000;
    if (key != null) {
      records.store(key, batching, probeMs);
    }
    return "probe " + probeMs + " ms";
  }

  public XttsModelDirectory directory() {
    return dir;
  }

  public XttsMetadata metadata() {
    return dir.metadata();
  }

  public OnnxSessions.Settings settings() {
    return settings;
  }

  /** What the batching probe found at load: whether rows share graph calls, and why not. */
  public BatchingProbe.Result batching() {
    return batching;
  }

  /** Whether rows may share a graph call: always true while the probe itself runs. */
  boolean batches() {
    return batching == null || batching.on();
  }

  public EmbeddingTables embeddings() {
    return embeddings;
  }

  /** Per-band divisors of the log conditioning mel (applied by the feature extractor, step 2). */
  public float[] melStats() {
    return melStats.clone();
  }

  /** A generator with its own scratch state (one per thread), kvBinding as the settings say (auto: on for CUDA). */
  public GptGenerator generator(SamplingParams params) {
    return generator(params, settings.bindKvCache());
  }

  /** A generator whose KV cache stays in ONNX Runtime's memory ({@code bindKvCache}) or goes through host memory. */
  public GptGenerator generator(SamplingParams params, boolean bindKvCache) {
    if (bindKvCache) {
      rowGather();
    }
    return new GptGenerator(this, params, bindKvCache);
  }

  /** The graph that drops finished rows from a bound KV cache, built on first use (at load when kvBinding is on). */
  synchronized RowGather rowGather() {
    if (rowGather == null) {
      rowGather = RowGather.open(env, options, settings.device(), 2 * metadata().nLayer(), 4);
    }
    return rowGather;
  }

  OrtEnvironment env() {
    return env;
  }

  OrtSession gptSession() {
    return gpt;
  }

  /**
   * GPT conditioning latents (Coqui get_gpt_cond_latents, perceiver branch): each normalised
   * {@code [80][T]} chunk mel goes through the encoder; the {@code [32][D]} results are averaged.
   * Chunks of equal length share one batched call when batching is on.
   */
  public float[][] conditioningLatents(List<float[][]> chunkMels) {
    if (chunkMels.isEmpty()) {
      throw new IllegalArgumentException("no conditioning chunks");
    }
    int len = metadata().perceiverOutputLen();
    int d = metadata().embedDim();
    float[] sum = new float[len * d];
    Map<Integer, List<float[][]>> byFrames = new LinkedHashMap<>();
    for (float[][] mel : chunkMels) {
      if (mel.length != XttsModelDirectory.COND_MEL_BANDS) {
        throw new IllegalArgumentException("conditioning mel has " + mel.length + " bands, expected 80");
      }
      byFrames.computeIfAbsent(mel[0].length, k -> new ArrayList<>()).add(mel);
    }
    for (List<float[][]> g : byFrames.values()) {
      for (List<float[][]> call : calls(g)) {
        float[] out = encodeConditioning(call);
        for (int i = 0; i < out.length; i++) {
          sum[i % sum.length] += out[i];
        }
      }
    }
    float[][] latents = new float[len][d];
    for (int r = 0; r < len; r++) {
      for (int c = 0; c < d; c++) {
        latents[r][c] = sum[r * d + c] / chunkMels.size();
      }
    }
    return latents;
  }

  /** One conditioning-encoder call on mels of equal length: {@code [B*32*D]} flat. */
  float[] encodeConditioning(List<float[][]> mels) {
    Tensor t = stack(mels, XttsModelDirectory.COND_MEL_BANDS, mels.get(0)[0].length);
    return run(condEncoder, Map.of(GraphContract.COND_INPUT, t),
        (long) mels.size() * metadata().perceiverOutputLen() * metadata().embedDim());
  }

  /** The whole group in one call when batching is on, else one call per item. */
  private <T> List<List<T>> calls(List<T> group) {
    if (batches()) {
      return List.of(group);
    }
    List<List<T>> singles = new ArrayList<>(group.size());
    for (T item : group) {
      singles.add(List.of(item));
    }
    return singles;
  }

  /** Speaker embedding (H/ASP encoder) of one {@code [64][T]} 16 kHz mel: 512 values. */
  public float[] speakerEmbedding(float[][] speakerMel64) {
    if (speakerMel64.length != GraphContract.SPEAKER_MEL_BANDS) {
      throw new IllegalArgumentException("speaker mel has " + speakerMel64.length + " bands, expected 64");
    }
    Tensor mel = stack(Collections.singletonList(speakerMel64), GraphContract.SPEAKER_MEL_BANDS,
        speakerMel64[0].length);
    return run(speakerEncoder, Map.of(GraphContract.SPEAKER_INPUT, mel), GraphContract.SPEAKER_DIM);
  }

  /** Mean of the speaker embeddings of several references (Coqui get_conditioning_latents). */
  public float[] speakerEmbedding(List<float[][]> speakerMels) {
    if (speakerMels.isEmpty()) {
      throw new IllegalArgumentException("no speaker references");
    }
    float[] mean = new float[GraphContract.SPEAKER_DIM];
    for (float[][] mel : speakerMels) {
      float[] e = speakerEmbedding(mel);
      for (int i = 0; i < mean.length; i++) {
        mean[i] += e[i] / speakerMels.size();
      }
    }
    return mean;
  }

  /** 24 kHz waveform of one row: its own {@code [T][D]} latents, cropped to its length, no padding. */
  public float[] vocode(float[][] latents, float[] speakerEmbedding) {
    return vocode(Collections.singletonList(latents), Collections.singletonList(speakerEmbedding)).get(0);
  }

  /**
   * Vocodes several rows; rows of equal length share one batched call when batching is on (padding
   * would leave noise at the end of shorter rows, so rows of different lengths never share a call).
   */
  public List<float[]> vocode(List<float[][]> latents, List<float[]> speakerEmbeddings) {
    if (latents.size() != speakerEmbeddings.size()) {
      throw new IllegalArgumentException(latents.size() + " latent rows but " + speakerEmbeddings.size() + " speakers");
    }
    float[][] out = new float[latents.size()][];
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < latents.size(); i++) {
      if (latents.get(i).length == 0) {
        throw new IllegalArgumentException("row " + i + " has no latents");
      }
      byLength.computeIfAbsent(latents.get(i).length, k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> g : byLength.values()) {
      for (List<Integer> rows : calls(g)) {
        List<float[][]> lat = new ArrayList<>(rows.size());
        List<float[]> spk = new ArrayList<>(rows.size());
        for (int row : rows) {
          lat.add(latents.get(row));
          spk.add(speakerEmbeddings.get(row));
        }
        List<float[]> waves = vocodeCall(lat, spk);
        for (int b = 0; b < rows.size(); b++) {
          out[rows.get(b)] = waves.get(b);
        }
      }
    }
    return List.of(out);
  }

  /** One vocoder call on rows of equal length; each row's waveform. */
  List<float[]> vocodeCall(List<float[][]> latents, List<float[]> speakerEmbeddings) {
    int d = metadata().embedDim();
    int rows = latents.size();
    int t = latents.get(0).length;
    float[] lat = new float[rows * t * d];
    float[] spk = new float[rows * GraphContract.SPEAKER_DIM];
    for (int b = 0; b < rows; b++) {
      float[][] l = latents.get(b);
      for (int f = 0; f < t; f++) {
        System.arraycopy(l[f], 0, lat, (b * t + f) * d, d);
      }
      System.arraycopy(speakerEmbeddings.get(b), 0, spk, b * GraphContract.SPEAKER_DIM, GraphContract.SPEAKER_DIM);
    }
    Map<String, Tensor> feed = new LinkedHashMap<>();
    feed.put(GraphContract.VOCODER_LATENTS, new Tensor(lat, new long[] {rows, t, d}));
    feed.put(GraphContract.VOCODER_SPEAKER, new Tensor(spk, new long[] {rows, GraphContract.SPEAKER_DIM, 1}));
    float[] wave = run(vocoder, feed, -1);
    int per = wave.length / rows;
    List<float[]> out = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      float[] w = new float[per];
      System.arraycopy(wave, b * per, w, 0, per);
      out.add(w);
    }
    return out;
  }

  /** A host array and its shape, turned into an OnnxTensor only for the duration of a run. */
  private record Tensor(float[] data, long[] shape) {}

  private static Tensor stack(List<float[][]> mats, int rows, int cols) {
    float[] data = new float[mats.size() * rows * cols];
    for (int b = 0; b < mats.size(); b++) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(mats.get(b)[r], 0, data, (b * rows + r) * cols, cols);
      }
    }
    return new Tensor(data, new long[] {mats.size(), rows, cols});
  }

  /** Runs a graph and returns its first output as a flat array ({@code expected} < 0: any size). */
  private float[] run(OrtSession session, Map<String, Tensor> inputs, long expected) {
    Map<String, OnnxTensor> feed = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
        feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()), e.getValue().shape()));
      }
      try (OrtSession.Result r = session.run(feed)) {
        OnnxValue v = r.get(0);
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        if (expected >= 0 && fb.remaining() != expected) {
          throw new ModelException("graph output has " + fb.remaining() + " values, expected " + expected);
        }
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
      }
    } catch (OrtException e) {
      throw new ModelException("ONNX Runtime run failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static void closeQuietly(OrtSession s) {
    try {
      s.close();
    } catch (OrtException e) {
      LOG.warn("Closing an ONNX session failed", e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (rowGather != null) {
        rowGather.close();
      }
    }
    for (OrtSession s : List.of(condEncoder, speakerEncoder, gpt, vocoder)) {
      closeQuietly(s);
    }
    options.close();
  }
}
