package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.broadcast.OutputFinisher;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.beam.common.TimingLog;
import dev.voicegen.beam.common.VoiceTimings;
import dev.voicegen.synth.EspeakEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code bin/bench-logging [ROWS] [ROUNDS]}: what logging at INFO costs a row's work. Each row does
 * what a row does in a job (espeak-ng synthesis, output finishing, WAV encoding) plus the logging a
 * job does per row at INFO (the timing.log lines and the DEBUG calls that INFO filters out), with
 * the project's Log4j configuration writing real files. Rounds alternate logging at INFO and
 * logging OFF on the same rows; the command prints the throughput of both, their ratio, and the
 * time spent inside the logging calls as a share of the INFO rounds.
 */
public final class LoggingOverhead {
  private static final Logger DEBUG_LOG = LogManager.getLogger("dev.voicegen.beam.synthesis.SynthesizeSpeech");

  private LoggingOverhead() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path logDir = Files.createTempDirectory("voicegen-bench-logs");
    System.setProperty("voicegen.logDir", logDir.toString());
    Path root = Path.of(System.getProperty("voicegen.root", "."));
    AudioClip reference =
        SeedVoiceProcessor.preprocess(AudioDecoder.decode(root.resolve("run-configs/demo/voices/alice.wav")))
            .audio();
    EspeakEngine engine = EspeakEngine.load("espeak-ng");
    // a job logs thousands of rows: measure the logging path compiled, as it runs there
    for (int i = 0; i < 20_000; i++) {
      timingLines("warm-up-" + i);
      DEBUG_LOG.debug("warm-up {}", i);
    }
    double[] info = new double[2];
    double[] off = new double[2];
    double loggingNanos = 0;
    // the first two rounds warm up the JIT, espeak-ng's caches and the log files; not counted
    for (int round = -2; round < 2 * rounds; round++) {
      boolean logging = (round & 1) == 0;
      Configurator.setLevel("voicegen.timing", logging ? Level.INFO : Level.OFF);
      Configurator.setLevel("dev.voicegen", logging ? Level.INFO : Level.OFF);
      long start = System.nanoTime();
      long inLogging = 0;
      for (int i = 0; i < rows; i++) {
        String id = "row-" + i;
        long t0 = System.nanoTime();
        DEBUG_LOG.debug("Synthesizing {}: {} chars, language {}", id, 40, "en");
        inLogging += System.nanoTime() - t0;
        SynthesisResult r =
            engine.synthesize(List.of(new SynthesisRequest(id, "Sentence number " + i + ", short.", "en", "h", reference))).get(0);
        OutputFinisher.Finished finished = OutputFinisher.finish(r.audio(), OutputFinisher.DEFAULT_LUFS);
        byte[] wav = WavWriter.toWav16(finished.audio());
        long t2 = System.nanoTime();
        DEBUG_LOG.debug("Wrote {} ({} bytes)", id, wav.length);
        timingLines(id);
        inLogging += System.nanoTime() - t2;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (round < 0) {
        continue;
      }
      double[] acc = logging ? info : off;
      acc[0] += rows;
      acc[1] += seconds;
      if (logging) {
        loggingNanos += inLogging;
      }
    }
    double infoRate = info[0] / info[1];
    double offRate = off[0] / off[1];
    System.out.printf(Locale.ROOT, "rows per round %d, rounds %d each, logs in %s%n", rows, rounds, logDir);
    System.out.printf(Locale.ROOT, "INFO  %.2f rows/s%n", infoRate);
    System.out.printf(Locale.ROOT, "OFF   %.2f rows/s%n", offRate);
    System.out.printf(Locale.ROOT, "throughput INFO/OFF %.4f (cost %.2f %%, noisy: other load moves it)%n",
        infoRate / offRate, 100 * (1 - infoRate / offRate));
    System.out.printf(Locale.ROOT, "time inside logging calls at INFO: %.3f %% of the INFO rounds (target < 2 %%)%n",
        100 * loggingNanos / 1e9 / info[1]);
  }

  /** One row's timing.log lines exactly as WriteDataset logs them, with representative values. */
  private static void timingLines(String id) {
    TimingLog.row(id, new VoiceTimings(12.5, 40.1, 120.7, 95.3), 61.2, 3.4, 1.9);
  }
}
