package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seed {@code preprocess} and {@code optimize} of a reference voice sample, step for step as
 * the pydub reference: mono, 22050 Hz, normalize(0.1 dB), compress, strip_silence, 30 s cap. Every
 * step works on 16-bit samples, so the output matches pydub's sample for sample.
 */
public final class SeedVoiceProcessor {
  static final int TARGET_RATE = 22050;
  static final long MAX_MS = 30_000;
  static final double HEADROOM_DB = 0.1;

  /** The settings that differ between preprocess and optimize. */
  private record Profile(
      String name, double ratio, int paddingMs, boolean keepMiddle, long warnBelowMs) {}

  // specs/voice-samples.md, "preprocess (seed)" and "optimize (seed)"
  private static final Profile PREPROCESS = new Profile("preprocessing", 3.0, 150, true, 6_000);
  private static final Profile OPTIMIZE = new Profile("optimizing", 4.0, 100, false, 10_000);

  private SeedVoiceProcessor() {}

  /** Mono, 22050 Hz, normalize, compress 3:1, strip silence, 150 ms padding, middle 30 s; warns under 6 s. */
  public static ProcessedVoice preprocess(AudioClip clip) {
    return process(clip, PREPROCESS);
  }

  /** As preprocess with compression 4:1, 100 ms padding, the first 30 s; warns under 10 s. */
  public static ProcessedVoice optimize(AudioClip clip) {
    return process(clip, OPTIMIZE);
  }

  private static ProcessedVoice process(AudioClip clip, Profile profile) {
    PcmSegment seg = PcmSegment.of(clip);
    long inputMs = seg.lengthMs();
    int fromRate = seg.rate;
    int fromChannels = seg.channels;

    List<String> steps = new ArrayList<>();
    long t = System.nanoTime();
    // set_frame_rate is a no-op at the target rate, so "always" and "when different" agree; mixing
    // and resampling in one pass holds only the mono 22050 Hz signal
    seg = SeedResampler.toMonoAt(seg, TARGET_RATE);
    t = step(steps, t, "mono from %d channel(s), rate %d -> %d Hz", fromChannels, fromRate, TARGET_RATE);
    double gainDb = Normalizer.gainDb(seg, HEADROOM_DB);
    seg = Normalizer.apply(seg, gainDb);
    t = step(steps, t, "normalize to -%.1f dBFS peak (gain %.2f dB)", HEADROOM_DB, gainDb);
    seg = new DynamicRangeCompressor(-20.0, profile.ratio(), 5.0, 50.0).apply(seg);
    t = step(steps, t, "compress -20 dB %.0f:1", profile.ratio());
    long beforeStrip = seg.lengthMs();
    // the cap is cut from the join buffer: a long stripped clip is never copied whole
    Crossfade.Joined stripped = new SilenceStripper(1000, -40.0, profile.paddingMs()).join(seg);
    long beforeCap = stripped == null ? 0 : stripped.lengthMs();
    long trimmed = beforeStrip - beforeCap;
    t = step(steps, t, "strip silence (%d ms padding): %d ms removed", profile.paddingMs(), trimmed);
    if (stripped == null) {
      seg = seg.slice(0, 0);
    } else if (beforeCap > MAX_MS) {
      long start = profile.keepMiddle() ? Math.floorDiv(beforeCap - MAX_MS, 2) : 0;
      seg = stripped.slice(start, start + MAX_MS);
      step(steps, t, "keep the %s 30 s from %d ms", profile.keepMiddle() ? "middle" : "first", start);
    } else {
      seg = stripped.toSegment();
    }
    long outputMs = seg.lengthMs();

    List<String> warnings = new ArrayList<>();
    if (outputMs < profile.warnBelowMs()) {
      warnings.add(String.format(Locale.ROOT,
          "reference is %.1f s of speech after %s; under %d s clones poorly",
          outputMs / 1000.0, profile.name(), profile.warnBelowMs() / 1000));
    }
    return new ProcessedVoice(seg.toClip(), gainDb, inputMs, outputMs, trimmed, beforeCap - outputMs,
        fromRate != TARGET_RATE, fromRate, fromChannels, warnings, steps);
  }

  /** Logs a step with its effect and its time since {@code since}; returns now. */
  private static long step(List<String> steps, long since, String format, Object... args) {
    long now = System.nanoTime();
    steps.add(String.format(Locale.ROOT, format, args)
        + String.format(Locale.ROOT, " (%.1f ms)", (now - since) / 1e6));
    return now;
  }
}
