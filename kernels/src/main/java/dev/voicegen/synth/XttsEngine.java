package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.BatchingProbe;
import dev.voicegen.xtts.GeneratedCodes;
import dev.voicegen.xtts.GenerationRequest;
import dev.voicegen.xtts.GeneratorStats;
import dev.voicegen.xtts.GptGenerator;
import dev.voicegen.xtts.SamplingParams;
import dev.voicegen.xtts.SpeakerConditioning;
import dev.voicegen.xtts.UnusableReferenceException;
import dev.voicegen.xtts.XttsModel;
import dev.voicegen.xtts.text.TextPiece;
import dev.voicegen.xtts.text.TextPieces;
import dev.voicegen.xtts.text.XttsTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * XTTS v2 voice cloning on ONNX Runtime: text pieces of every row in a batch are generated together
 * by the batched GPT decoder, each piece is vocoded on its own latents with its row's speaker
 * embedding, and a row's pieces are joined. Conditioning is cached per reference sample.
 */
public final class XttsEngine implements SpeechEngine {
  private static final Logger LOG = LogManager.getLogger(XttsEngine.class);
  public static final String NAME = "xtts-v2 (ONNX Runtime)";
  /** The vocoder's output rate (xtts-onnx.md step 7). */
  public static final int OUTPUT_RATE = 24_000;

  private final XttsModel model;
  private final XttsTokenizer tokenizer;
  private final SamplingParams sampling;
  private final long jobSeed;
  private final SpeakerConditioning.Cache conditioning;
  private final String modelVersion;
  // the generator's counts of each thread's last batch (the engine is shared by worker threads)
  private final ThreadLocal<GeneratorStats> lastStats = ThreadLocal.withInitial(() -> GeneratorStats.ZERO);

  private XttsEngine(
      XttsModel model, XttsTokenizer tokenizer, SamplingParams sampling, long jobSeed, int cacheSize) {
    this.model = model;
    this.modelVersion = fingerprint(model.directory().root().resolve("metadata.json"));
    this.tokenizer = tokenizer;
    this.sampling = sampling;
    this.jobSeed = jobSeed;
    this.conditioning = new SpeakerConditioning.Cache(cacheSize);
  }

  /**
   * Loads the model directory.
   *
   * @throws ModelException naming the file and the problem
   */
  public static XttsEngine load(
      Path modelDir, OnnxSessions.Settings settings, SamplingParams sampling, long jobSeed) {
    return load(modelDir, settings, sampling, jobSeed, false);
  }

  /**
   * Loads the model directory; {@code freshProbe} runs the batching probe even when a probe record
   * of these files holds its result (and records the new one), as {@code models verify} does.
   *
   * @throws ModelException naming the file and the problem
   */
  public static XttsEngine load(Path modelDir, OnnxSessions.Settings settings, SamplingParams sampling,
      long jobSeed, boolean freshProbe) {
    long start = System.nanoTime();
    Runtime rt = Runtime.getRuntime();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    long rssBefore = residentMegabytes();
    String gpuBefore =
        settings.device().kind() == ExecutionDevice.Kind.CUDA ? gpuMemoryUsed() : null;
    XttsModel model = XttsModel.load(modelDir, settings, freshProbe);
    XttsTokenizer tokenizer;
    try {
      tokenizer = XttsTokenizer.load(modelDir.resolve("vocab.json"));
    } catch (IOException | IllegalArgumentException e) {
      model.close();
      throw new ModelException("vocab.json: " + e.getMessage(), e);
    }
    LOG.info(
        "Loaded XTTS model {} on {} in {} ms (heap {} -> {} MB, RSS {} -> {} MB)",
        modelDir,
        settings.device(),
        (System.nanoTime() - start) / 1_000_000,
        heapBefore >> 20,
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rssBefore,
        residentMegabytes());
    if (gpuBefore != null) {
      LOG.info("GPU memory used (nvidia-smi): {} before the model, {} after", gpuBefore, gpuMemoryUsed());
    }
    return new XttsEngine(model, tokenizer, sampling, jobSeed, 256);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return model.directory().root().getFileName() + " " + model.metadata().gptFile(false);
  }

  @Override
  public boolean clones() {
    return true;
  }

  /** The model's identity: the first 12 hex digits of the SHA-256 of its metadata.json. */
  @Override
  public String modelVersion() {
    return modelVersion;
  }

  /** XTTS v2 weights are Coqui's, under its Public Model License (xtts-onnx.md). */
  @Override
  public String modelLicense() {
    return dev.voicegen.models.ModelLicense.COQUI_CPML.id();
  }

  @Override
  public java.util.Map<String, Object> settings() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("sampling_temperature", (double) sampling.temperature());
    m.put("sampling_top_k", sampling.topK());
    m.put("sampling_top_p", (double) sampling.topP());
    m.put("sampling_repetition_penalty", (double) sampling.repetitionPenalty());
    m.put("sampling_max_codes", sampling.maxCodes());
    return m;
  }

  /** {@code xtts_batching}: "on", or "off (<reason>)" when the load's probe found a graph unfit. */
  @Override
  public java.util.Map<String, String> summaryFacts() {
    return java.util.Map.of("xtts_batching", model.batching().toString());
  }

  /** What the batching probe found when the model loaded. */
  public BatchingProbe.Result batching() {
    return model.batching();
  }

  public SamplingParams sampling() {
    return sampling;
  }

  /** The seed of a row: a function of the job seed and the row id only, so reruns reproduce it. */
  public static long rowSeed(long jobSeed, String id) {
    long h = jobSeed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001B3L;
    }
    return h ^ (h >>> 31);
  }

  /**
   * The seed of attempt {@code attempt} at a row whose first seed is {@code rowSeed}: attempt 1 is
   * the row seed itself (so {@code --attempts=1} changes nothing); later attempts step the row seed
   * by the golden-ratio increment and mix it with SplitMix64's finaliser (Steele, Lea and Flood,
   * OOPSLA 2014), so attempts of a row, and of neighbouring rows, draw unrelated streams.
   */
  public static long attemptSeed(long rowSeed, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, got " + attempt);
    }
    if (attempt == 1) {
      return rowSeed;
    }
    long z = rowSeed + (attempt - 1) * 0x9E3779B97F4A7C15L; // SplitMix64's gamma
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L; // SplitMix64's mixing constants
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public List<SynthesisResult> synthesize(List<SynthesisRequest> batch) {
    SynthesisResult[] results = new SynthesisResult[batch.size()];
    List<GenerationRequest> requests = new ArrayList<>();
    List<int[]> owners = new ArrayList<>(); // {row, piece}
    List<SpeakerConditioning> conds = new ArrayList<>(batch.size());
    for (int row = 0; row < batch.size(); row++) {
      SynthesisRequest r = batch.get(row);
      conds.add(null);
      try {
        SpeakerConditioning c = conditioningOf(r);
        conds.set(row, c);
        List<TextPiece> pieces = TextPieces.prepare(r.text(), r.language(), tokenizer);
        if (pieces.isEmpty()) {
          results[row] = SynthesisResult.failed("empty_text", "no speakable text after normalisation");
          continue;
        }
        long seed = attemptSeed(rowSeed(jobSeed, r.id()), r.attempt());
        for (int p = 0; p < pieces.size(); p++) {
          requests.add(new GenerationRequest(c.latents(), pieces.get(p).tokens(), seed + p));
          owners.add(new int[] {row, p});
        }
      } catch (UnusableReferenceException e) {
        // the sample's fault, said in one line: the caller names the sample
        results[row] = SynthesisResult.failed(e.errorClass(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Preparing row {} failed", r.id(), e);
        results[row] = SynthesisResult.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      }
    }
    List<GeneratedCodes> generated = List.of();
    lastStats.set(GeneratorStats.ZERO);
    if (!requests.isEmpty()) {
      GptGenerator generator = model.generator(sampling);
      generated = generator.generate(requests);
      lastStats.set(generator.stats());
    }
    List<List<float[]>> audio = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      audio.add(new ArrayList<>());
    }
    for (int i = 0; i < generated.size(); i++) {
      int row = owners.get(i)[0];
      if (results[row] != null) {
        continue;
      }
      try {
        audio.get(row).add(model.vocode(generated.get(i).latents(), conds.get(row).speakerEmbedding()));
      } catch (RuntimeException e) {
        results[row] = SynthesisResult.failed(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      }
    }
    for (int row = 0; row < batch.size(); row++) {
      if (results[row] != null) {
        continue;
      }
      float[] joined = join(audio.get(row));
      AudioClip clip = AudioClip.mono(OUTPUT_RATE, joined);
      double similarity =
          SpeakerConditioning.cosine(
              SpeakerConditioning.embeddingOf(model, joined, OUTPUT_RATE),
              conds.get(row).speakerEmbedding());
      SynthesisRequest r = batch.get(row);
      results[row] = SynthesisResult.of(clip, attemptSeed(rowSeed(jobSeed, r.id()), r.attempt()), similarity);
    }
    return List.of(results);
  }

  @Override
  public Map<String, Long> lastBatchCounts() {
    GeneratorStats s = lastStats.get();
    return Map.of("decode_steps", s.decodeSteps(), "decode_host_bytes", s.decodeHostBytes());
  }

  @Override
  public SpeakerConditioning prepareVoice(String sha256, AudioClip reference) {
    SpeakerConditioning c = conditioning.get(sha256);
    if (c == null) {
      c = SpeakerConditioning.of(model, reference);
      conditioning.put(sha256, c);
    }
    return c;
  }

  private SpeakerConditioning conditioningOf(SynthesisRequest r) {
    if (r.voiceState() instanceof SpeakerConditioning given) {
      return given;
    }
    SpeakerConditioning c = conditioning.get(r.referenceSha256());
    if (c == null) {
      long start = System.nanoTime();
      c = SpeakerConditioning.of(model, r.reference());
      conditioning.put(r.referenceSha256(), c);
      LOG.debug("Conditioned on {} in {} ms", r.referenceSha256(), (System.nanoTime() - start) / 1_000_000);
    }
    return c;
  }

  /** GPU memory in use as nvidia-smi reports it, or why it cannot be read. */
  static String gpuMemoryUsed() {
    try {
      Process p =
          new ProcessBuilder("nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).strip().replace('\n', ',');
      return p.waitFor() == 0 ? out : "unknown (nvidia-smi: " + out + ")";
    } catch (IOException e) {
      return "unknown (no nvidia-smi)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The process's resident set in MB from /proc (Linux), or -1 where it cannot be read. */
  static long residentMegabytes() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("no RSS reading", e);
    }
    return -1;
  }

  private static String fingerprint(Path file) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file));
      return "xtts-v2@" + java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "xtts-v2";
    }
  }

  private static float[] join(List<float[]> pieces) {
    int n = 0;
    for (float[] p : pieces) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : pieces) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Override
  public void close() {
    try {
      tokenizer.close();
    } finally {
      model.close();
    }
  }
}
