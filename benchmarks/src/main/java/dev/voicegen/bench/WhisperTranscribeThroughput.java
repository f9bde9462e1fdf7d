package dev.voicegen.bench;

import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.whisper.DecodingOptions;
import dev.voicegen.whisper.TranscriberStats;
import dev.voicegen.whisper.Transcript;
import dev.voicegen.whisper.WhisperModel;
import dev.voicegen.whisper.WhisperTranscriber;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.NativeHugePages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * bin/bench-whisper: files per second of Whisper transcription (audio decode, log-mel, encoder,
 * language detection, greedy decoding) at several batch sizes, every batch size measured in
 * alternating rounds of one run, with a fixed number of decoded tokens per file.
 *
 * <pre>
 * WhisperTranscribeThroughput --modelDir=DIR [--steps=40] [--batches=1,8,16] [--rounds=3]
 *     [--seconds=10] [--language=detect|en|...] [--device=cpu|cuda] [--threads=0] [--voices=DIR]
 *     [--quantized]
 * </pre>
 *
 * <p>The files are 10-s clips cut from the demo voices (WAV and FLAC, 22.05-48 kHz, one stereo),
 * written once as 16-bit WAV at their own rate and channel count into a temporary folder and
 * decoded by {@link AudioDecoder} inside every measurement, so resampling and down-mixing are timed
 * too. Output lines are {@code key=value} pairs, one {@code whisper batch=...} line per batch size.
 */
public final class WhisperTranscribeThroughput {
  /** The seed system's speed on a CUDA GPU, the target for batched CPU decoding here (issue 6). */
  static final double TARGET_S_PER_FILE = 0.67;

  /** One batch size's measurement. */
  record Measurement(int batch, long tokens, double wallS, double cpuS, double audioDecodeS, TranscriberStats stats) {
    double filesPerS() {
      return batch / wallS;
    }

    double sPerFile() {
      return wallS / batch;
    }

    /** CPU seconds of the whole process (ORT's pool threads included) per file. */
    double cpuSPerFile() {
      return cpuS / batch;
    }

    double perFileMs(long nanos) {
      return nanos / 1e6 / batch;
    }

    /** Everything inside transcribe() that is neither the front end nor an ORT run: tensors, argmax, KV. */
    double hostMs() {
      TranscriberStats s = stats;
      long ort = s.encoderOrtNanos() + s.detectionOrtNanos() + s.prefillOrtNanos() + s.decodeOrtNanos();
      return (s.totalNanos() - s.featureNanos() - ort) / 1e6;
    }
  }

  private WhisperTranscribeThroughput() {}

  public static void main(String[] args) {
    run(args, System.out);
  }

  /** Runs the benchmark and prints its lines; returns the median-round measurement by batch size. */
  public static Map<Integer, Measurement> run(String[] args, PrintStream out) {
    Map<String, String> opt = options(args);
    Path dir = Path.of(opt.getOrDefault("modelDir", "models/whisper-base"));
    int steps = Integer.parseInt(opt.getOrDefault("steps", "40"));
    int[] batches = Arrays.stream(opt.getOrDefault("batches", "1,8,16").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).toArray();
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
    double seconds = Double.parseDouble(opt.getOrDefault("seconds", "10"));
    String language = opt.getOrDefault("language", "detect");
    Path voices = Path.of(opt.getOrDefault("voices", BenchCorpus.root().resolve(BenchCorpus.DEMO_VOICES).toString()));
    OnnxSessions.Settings settings = OnnxSessions.Settings.defaults()
        .withDevice(ExecutionDevice.parse(opt.getOrDefault("device", "cpu")))
        .withThreads(Integer.parseInt(opt.getOrDefault("threads", "0")))
        .withInt8(opt.containsKey("quantized"));
    if (!Files.isRegularFile(dir.resolve("onnx/encoder_model.onnx"))) {
      throw new IllegalArgumentException("--modelDir=" + dir + ": no onnx/encoder_model.onnx (build one with "
          + "/usr/bin/python3 kernels/src/test/resources/whisper/make_model.py --full DIR --quantized)");
    }
    int maxBatch = Arrays.stream(batches).max().orElseThrow();
    Path corpus = tempFolder();
    try {
      List<Path> files = writeClips(BenchCorpus.audioFiles(voices), maxBatch, seconds, corpus);
      long t0 = System.nanoTime();
      try (WhisperModel model = WhisperModel.load(dir, settings)) {
        double loadS = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "whisper model=%s decoder_layers=%d dim=%d vocab=%d weights=%s device=%s threads=%d load_s=%.1f"
            + " steps=%d clip_s=%.1f language=%s rounds=%d cores=%d load_average=%s | %s%n", dir,
            model.config().decoderLayers(), model.config().dModel(),
            model.config().vocabSize(), settings.int8() ? "int8" : "float", settings.device(),
            settings.intraOpThreads() > 0 ? settings.intraOpThreads() : Runtime.getRuntime().availableProcessors(), loadS, steps, seconds, language, rounds,
            Runtime.getRuntime().availableProcessors(), SeedChainComparison.loadAverage(), NativeHugePages.describe());
        out.printf(Locale.ROOT, "whisper files: %d clips of %.1f s from %s (16-bit WAV at the voices' own rates"
            + " and channels), decoded, resampled to 16 kHz mono and padded to one 30-s window each%n",
            files.size(), seconds, voices);
        WhisperTranscriber transcriber = model.transcriber(DecodingOptions.fixedSteps(steps));
        // warm-up: every batch shape once, a few steps (ORT allocates and plans per shape)
        WhisperTranscriber warm = model.transcriber(DecodingOptions.fixedSteps(Math.min(steps, 3)));
        for (int b : batches) {
          transcribe(warm, files.subList(0, b), language);
        }
        Map<Integer, List<Measurement>> byBatch = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
          for (int b : batches) {
            Measurement m = measure(transcriber, files.subList(0, b), language, steps);
            byBatch.computeIfAbsent(b, k -> new ArrayList<>()).add(m);
            out.printf(Locale.ROOT, "whisper round=%d batch=%d wall_ms=%.1f s_per_file=%.3f cpu_s_per_file=%.3f"
                + " encoder_ms=%.1f decoder_ms=%.1f load_average=%s%n", r + 1, b, m.wallS() * 1e3, m.sPerFile(), m.cpuSPerFile(),
                m.stats().encoderNanos() / 1e6, decoderNanos(m.stats()) / 1e6,
                SeedChainComparison.loadAverage().replace(' ', ','));
          }
        }
        Map<Integer, Measurement> result = BenchCommand.medianRounds(byBatch, Measurement::wallS);
        result.values().forEach(m -> print(out, m));
        summary(out, result, byBatch);
        return result;
      }
    } finally {
      deleteTree(corpus);
    }
  }

  private static Measurement measure(WhisperTranscriber t, List<Path> files, String language, int steps) {
    t.resetStats();
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    List<AudioClip> clips = decode(files);
    long t1 = System.nanoTime();
    List<Transcript> transcripts = t.transcribe(clips, languages(files.size(), language));
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - c0) / 1e9;
    long tokens = 0;
    for (Transcript tr : transcripts) {
      if (tr.tokens().length != steps) {
        throw new IllegalStateException("a file decoded " + tr.tokens().length + " tokens, not " + steps);
      }
      tokens += tr.tokens().length;
    }
    return new Measurement(files.size(), tokens, wall, cpu, (t1 - t0) / 1e9, t.stats());
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void transcribe(WhisperTranscriber t, List<Path> files, String language) {
    t.transcribe(decode(files), languages(files.size(), language));
  }

  private static List<AudioClip> decode(List<Path> files) {
    List<AudioClip> clips = new ArrayList<>(files.size());
    for (Path f : files) {
      try {
        clips.add(AudioDecoder.decode(f));
      } catch (AudioDecodeException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return clips;
  }

  private static List<String> languages(int n, String language) {
    return "detect".equals(language) ? null : Collections.nCopies(n, language);
  }

  /** Language detection, the prompt step and the cached steps: every decoder-graph run. */
  private static long decoderNanos(TranscriberStats s) {
    return s.detectionNanos() + s.prefillNanos() + s.decodeNanos();
  }

  private static void print(PrintStream out, Measurement m) {
    TranscriberStats s = m.stats();
    double stepMs = s.decodeSteps() == 0 ? 0 : s.decodeNanos() / 1e6 / s.decodeSteps();
    out.printf(Locale.ROOT, "whisper batch=%d files=%d tokens=%d wall_ms=%.1f files_per_s=%.3f s_per_file=%.3f"
        + " cpu_s_per_file=%.3f per_file_ms: audio_decode=%.1f log_mel=%.1f encoder=%.1f decoder=%.1f (detect=%.1f prefill=%.1f"
        + " steps=%.1f) host=%.1f; step_ms=%.2f encoder_share_pct=%.1f decoder_share_pct=%.1f"
        + " ort_share_pct=%.1f%n",
        m.batch(), m.batch(), m.tokens(), m.wallS() * 1e3, m.filesPerS(), m.sPerFile(), m.cpuSPerFile(),
        m.audioDecodeS() * 1e3 / m.batch(), m.perFileMs(s.featureNanos()), m.perFileMs(s.encoderNanos()),
        m.perFileMs(decoderNanos(s)), m.perFileMs(s.detectionNanos()), m.perFileMs(s.prefillNanos()),
        m.perFileMs(s.decodeNanos()), m.hostMs() / m.batch(), stepMs,
        100 * s.encoderNanos() / 1e9 / m.wallS(), 100 * decoderNanos(s) / 1e9 / m.wallS(),
        100 * s.ortShare());
  }

  /** The batched sizes' best median s/file against the target; batch 1 for reference. */
  private static void summary(PrintStream out, Map<Integer, Measurement> r, Map<Integer, List<Measurement>> rounds) {
    Measurement best = null;
    for (Measurement m : r.values()) {
      if (m.batch() > 1 && (best == null || m.sPerFile() < best.sPerFile())) {
        best = m;
      }
    }
    Measurement b1 = r.get(1);
    if (b1 != null && best != null) {
      double[] speedup = new double[rounds.get(1).size()];
      for (int i = 0; i < speedup.length; i++) {
        speedup[i] = rounds.get(best.batch()).get(i).filesPerS() / rounds.get(1).get(i).filesPerS();
      }
      out.printf(Locale.ROOT, "whisper ratio batch%d/batch1 files_per_s=%.2fx (rounds %s)%n", best.batch(),
          SeedChainComparison.median(speedup), BenchCommand.joined(speedup));
    }
    if (best == null) {
      out.println("whisper target n/a (needs a batch size above 1)");
      return;
    }
    // on a shared machine the wall time includes waiting for cores; CPU time / cores bounds what free cores give
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "whisper cpu batch=%d cpu_s_per_file=%.3f cores=%d free_cores_s_per_file_bound=%.3f"
        + " (CPU time / cores: the wall time if every core were free, a bound, not a measurement)%n",
        best.batch(), best.cpuSPerFile(), cores, best.cpuSPerFile() / cores);
    out.printf(Locale.ROOT, "whisper target best_batched_s_per_file=%.3f (batch %d, %.2f files/s) target<=%.2f %s"
        + " load_average=%s%n", best.sPerFile(), best.batch(), best.filesPerS(), TARGET_S_PER_FILE,
        best.sPerFile() <= TARGET_S_PER_FILE ? "MET" : "MISSED", SeedChainComparison.loadAverage().replace(' ', ','));
  }

  /**
   * {@code count} clips of {@code seconds}: clip i from voice i mod n, starting 0.5 s later on each
   * pass over the voices, looped when the voice is shorter; own rate and channels.
   */
  static List<Path> writeClips(List<Path> voices, int count, double seconds, Path folder) {
    List<AudioClip> decoded = new ArrayList<>();
    for (Path v : voices) {
      try {
        decoded.add(AudioDecoder.decode(v));
      } catch (AudioDecodeException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    List<Path> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AudioClip v = decoded.get(i % decoded.size());
      int frames = (int) Math.round(seconds * v.sampleRate());
      int start = (int) ((long) (i / decoded.size()) * v.sampleRate() / 2 % v.frames());
      float[][] channels = new float[v.channelCount()][frames];
      for (int c = 0; c < channels.length; c++) {
        float[] src = v.channel(c);
        for (int f = 0; f < frames; f++) {
          channels[c][f] = src[(start + f) % src.length];
        }
      }
      Path file = folder.resolve(String.format(Locale.ROOT, "clip-%02d.wav", i));
      try (OutputStream o = Files.newOutputStream(file)) {
        WavWriter.writeWav16(new AudioClip(v.sampleRate(), channels), o);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      out.add(file);
    }
    return out;
  }

  private static Path tempFolder() {
    try {
      return Files.createTempDirectory("voicegen-bench-whisper");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private static Map<String, String> options(String[] args) {
    return BenchCommand.parse(args, List.of("modelDir", "steps", "batches", "rounds", "seconds", "language",
        "device", "threads", "voices", "quantized"));
  }
}
