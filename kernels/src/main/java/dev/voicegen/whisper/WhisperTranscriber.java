package dev.voicegen.whisper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.WhisperLogMel;
import dev.voicegen.onnx.ModelException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Transcribes clips with a {@link WhisperModel} (specs/whisper-onnx.md "Algorithm"): each clip to
 * 16 kHz mono and 30-s log-mel windows, the encoder once per window (all windows of the call in one
 * batch), then every window decoded greedily in one lock-step batch (the language of a clip
 * without one detected on its first window by the decoder's first run) and each clip's windows
 * joined. Windows are decoded
 * independently: no previous-text prompt ({@code <|startofprev|>}) as openai whisper's
 * condition_on_previous_text would add. Not thread-safe: one transcriber per thread (the model is
 * shared).
 */
public final class WhisperTranscriber {
  private final WhisperModel model;
  private final WhisperConfig config;
  private final WhisperLogMel logMel;
  private final GreedyDecoder decoder;
  private long windows;
  private long featureNanos;
  private long encoderRuns;
  private long encoderNanos;
  private long encoderOrtNanos;
  private long totalNanos;

  WhisperTranscriber(WhisperModel model, DecodingOptions options) {
    this.model = model;
    this.config = model.config();
    this.logMel = new WhisperLogMel(config.melBins());
    this.decoder = new GreedyDecoder(model, options);
  }

  /**
   * Transcribes every clip in one batch; results are in clip order.
   *
   * @param languagesOrNull null (detect every language) or one code per clip ({@code "en"}, or
   *     {@code "<|en|>"}), null entries detected
   * @throws IllegalArgumentException for a language the model has no token for, or a size mismatch
   */
  public List<Transcript> transcribe(List<AudioClip> clips, List<String> languagesOrNull) {
    if (languagesOrNull != null && languagesOrNull.size() != clips.size()) {
      throw new IllegalArgumentException(clips.size() + " clips but " + languagesOrNull.size() + " languages");
    }
    if (clips.isEmpty()) {
      return List.of();
    }
    long t0 = System.nanoTime();
    int[] languages = new int[clips.size()];
    for (int i = 0; i < clips.size(); i++) {
      String lang = languagesOrNull == null ? null : languagesOrNull.get(i);
      languages[i] = lang == null ? -1 : languageId(lang);
    }
    // Every window of every clip, in order; firstWindow[i] indexes clip i's first window.
    List<float[][]> mels = new ArrayList<>();
    int[] firstWindow = new int[clips.size() + 1];
    for (int i = 0; i < clips.size(); i++) {
      firstWindow[i] = mels.size();
      mels.addAll(logMel.windows(clips.get(i)));
    }
    firstWindow[clips.size()] = mels.size();
    featureNanos += System.nanoTime() - t0;
    List<float[]> states = encode(mels);
    List<GreedyDecoder.Row> rows = new ArrayList<>(mels.size());
    for (int i = 0; i < clips.size(); i++) {
      // a negative language is detected on the clip's first window (the decoder fills it in)
      int[] prompt = {config.startOfTranscript(), languages[i], config.transcribe(), config.noTimestamps()};
      GreedyDecoder.Row first = null;
      for (int w = firstWindow[i]; w < firstWindow[i + 1]; w++) {
        GreedyDecoder.Row row = new GreedyDecoder.Row(states.get(w), prompt);
        first = first == null ? row : first;
        row.languageFrom = languages[i] < 0 ? first : null;
        rows.add(row);
      }
    }
    decoder.decode(rows);
    List<Transcript> out = new ArrayList<>(clips.size());
    for (int i = 0; i < clips.size(); i++) {
      out.add(join(rows.subList(firstWindow[i], firstWindow[i + 1]), rows.get(firstWindow[i]).prompt[1]));
    }
    windows += mels.size();
    totalNanos += System.nanoTime() - t0;
    return out;
  }

  public TranscriberStats stats() {
    GreedyDecoder.Counters c = decoder.counters;
    return new TranscriberStats(windows, featureNanos, encoderRuns, encoderNanos, encoderOrtNanos,
        c.detections, c.detectionNanos, c.detectionOrtNanos, c.prefills, c.prefillNanos, c.prefillOrtNanos,
        c.steps, c.stepNanos, c.stepOrtNanos, c.compactions, totalNanos);
  }

  public void resetStats() {
    windows = featureNanos = encoderRuns = encoderNanos = encoderOrtNanos = totalNanos = 0;
    GreedyDecoder.Counters c = decoder.counters;
    c.detections = c.detectionNanos = c.detectionOrtNanos = c.prefills = c.prefillNanos = c.prefillOrtNanos = 0;
    c.steps = c.stepNanos = c.stepOrtNanos = c.compactions = 0;
  }

  GreedyDecoder decoder() {
    return decoder;
  }

  /** Encoder outputs, one {@code [1500 * D]} array per window, from one batched run. */
  List<float[]> encode(List<float[][]> mels) {
    long t0 = System.nanoTime();
    int bands = config.melBins();
    int frames = WhisperLogMel.N_FRAMES;
    float[] input = new float[mels.size() * bands * frames];
    for (int w = 0; w < mels.size(); w++) {
      for (int m = 0; m < bands; m++) {
        System.arraycopy(mels.get(w)[m], 0, input, (w * bands + m) * frames, frames);
      }
    }
    int size = WhisperGraphs.AUDIO_CTX * config.dModel();
    List<float[]> out = new ArrayList<>(mels.size());
    try (OnnxTensor in = OnnxTensor.createTensor(model.env(), FloatBuffer.wrap(input),
        new long[] {mels.size(), bands, frames})) {
      long t1 = System.nanoTime();
      try (OrtSession.Result r = model.encoderSession().run(Map.of(WhisperGraphs.FEATURES, in))) {
        encoderOrtNanos += System.nanoTime() - t1;
        FloatBuffer hidden = ((OnnxTensor) r.get(WhisperGraphs.HIDDEN).orElseThrow(() ->
            ModelException.of(WhisperGraphs.Graph.ENCODER.file(), "result has no " + WhisperGraphs.HIDDEN)))
            .getFloatBuffer();
        for (int w = 0; w < mels.size(); w++) {
          float[] row = new float[size];
          hidden.get(row);
          out.add(row);
        }
      }
    } catch (OrtException e) {
      throw new ModelException("encoder run failed: " + e.getMessage(), e);
    }
    encoderRuns++;
    encoderNanos += System.nanoTime() - t0;
    return out;
  }

  private Transcript join(List<GreedyDecoder.Row> windowRows, int languageId) {
    StringBuilder text = new StringBuilder();
    int count = 0;
    int steps = 0;
    for (GreedyDecoder.Row r : windowRows) {
      count += r.count;
      steps += r.steps;
    }
    int[] tokens = new int[count];
    int at = 0;
    for (GreedyDecoder.Row r : windowRows) {
      System.arraycopy(r.tokens, 0, tokens, at, r.count);
      at += r.count;
      String piece = model.tokenizer().decode(r.tokens());
      if (!piece.isEmpty()) {
        text.append(text.length() == 0 ? "" : " ").append(piece);
      }
    }
    return new Transcript(text.toString(), languageCode(languageId), tokens, steps);
  }

  private int languageId(String language) {
    String code = WhisperConfig.languageCode(language.trim().toLowerCase(Locale.ROOT));
    int id = config.languageId(code);
    if (id < 0) {
      throw new IllegalArgumentException("language " + language + ": the model has no <|" + code + "|> token");
    }
    return id;
  }

  private String languageCode(int id) {
    return config.languageIds().entrySet().stream().filter(e -> e.getValue() == id)
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }
}
