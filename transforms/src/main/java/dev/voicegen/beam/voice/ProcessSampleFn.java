package dev.voicegen.beam.voice;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.audio.measure.SpeechDetector;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.beam.common.VoiceTimings;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.SharedQualityModels;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs one voice-sample kernel (optimize or preprocess) on each sample that has not failed yet,
 * timing and counting it, and records what the kernel changed; a kernel exception fails the sample.
 * A kernel that looks for speech gets Silero VAD from the JVM's quality models when they hold it,
 * else the energy detector.
 */
final class ProcessSampleFn
    extends SharedResourceFn<KV<String, VoiceSample>, KV<String, VoiceSample>, QualityModels> {
  private static final Logger LOG = LogManager.getLogger(ProcessSampleFn.class);

  /** A voice-sample kernel; {@code vad} says where the speech is, for kernels that need it. */
  interface Kernel extends Serializable {
    ProcessedVoice apply(AudioClip clip, SpeechDetector vad);
  }

  private final Stage stage;
  private final String mode;
  private final Kernel kernel;
  private final StageMetrics metrics;

  /** A kernel that needs no speech detector. */
  ProcessSampleFn(Stage stage, String mode, SerializableFunction<AudioClip, ProcessedVoice> kernel) {
    this(stage, mode, (clip, vad) -> kernel.apply(clip), null);
  }

  /** @param models the quality models whose Silero VAD the kernel uses, or null for the energy VAD */
  ProcessSampleFn(Stage stage, String mode, Kernel kernel, SharedQualityModels.Key models) {
    super(models == null ? SharedQualityModels.none() : models);
    this.stage = stage;
    this.mode = mode;
    this.kernel = kernel;
    this.metrics = new StageMetrics(stage);
  }

  @ProcessElement
  public void process(@Element KV<String, VoiceSample> kv, OutputReceiver<KV<String, VoiceSample>> out) {
    VoiceSample sample = kv.getValue();
    if (sample.failed()) {
      out.output(kv);
      return;
    }
    long start = System.nanoTime();
    LOG.debug(
        "{} {}: {} bytes, {} s, {} Hz, {} ch",
        stage.label(),
        sample.path(),
        sample.sizeBytes(),
        sample.audio().durationSeconds(),
        sample.audio().sampleRate(),
        sample.audio().channelCount());
    try {
      SpeechDetector vad = resource() == null ? SpeechActivity.create() : resource().speechDetector();
      ProcessedVoice result = kernel.apply(sample.audio(), vad);
      double ms = StageMetrics.since(start);
      metrics.ok(ms);
      VoiceChanges changes = VoiceChanges.of(mode, result);
      for (String warning : changes.warnings()) {
        LOG.warn("Reference sample {}: {}", sample.path(), warning);
      }
      LOG.debug("{} {} done in {} ms: {}", stage.label(), sample.path(), ms, changes);
      for (String step : changes.steps()) {
        LOG.debug("{} {}: {}", stage.label(), sample.path(), step);
      }
      out.output(KV.of(kv.getKey(), withResult(sample, result.audio(), changes, ms)));
    } catch (OutOfMemoryError e) {
      // the kernel's arrays are dropped with this sample: the job goes on without it
      double ms = StageMetrics.since(start);
      metrics.failed(ms);
      LOG.warn("{} of {} ran out of memory; its rows fail", stage.label(), sample.path());
      StageFailure f = new StageFailure(stage, "reference_too_long",
          sample.path() + ": ran out of memory in " + stage.label() + " (heap "
              + (Runtime.getRuntime().maxMemory() >> 20) + " MB); raise -Xmx or shorten the file");
      out.output(KV.of(kv.getKey(), sample.withFailure(f, withTime(sample.timings(), ms))));
    } catch (RuntimeException e) {
      double ms = StageMetrics.since(start);
      metrics.failed(ms);
      LOG.error("{} of {} failed", stage.label(), sample.path(), e);
      out.output(
          KV.of(kv.getKey(), sample.withFailure(StageFailure.of(stage, e), withTime(sample.timings(), ms))));
    }
  }

  private VoiceSample withResult(VoiceSample s, AudioClip audio, VoiceChanges changes, double ms) {
    VoiceTimings t = withTime(s.timings(), ms);
    return stage == Stage.OPTIMIZE
        ? s.withOptimized(audio, changes, t)
        : s.withPreprocessed(audio, changes, t);
  }

  private VoiceTimings withTime(VoiceTimings t, double ms) {
    return stage == Stage.OPTIMIZE ? t.withOptimize(ms) : t.withPreprocess(ms);
  }
}
