package dev.voicegen.audio.broadcast;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.audio.measure.SpeechDetector;
import dev.voicegen.audio.seed.ProcessedVoice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --preprocess=broadcast}: mono at 22050 Hz (bandlimited resampler), a 70 Hz high-pass,
 * silence trimmed at the edges only, internal pauses shortened to a limit, the best 6-30 s window
 * chosen by speech content, and loudness normalised to a LUFS target under a true-peak ceiling.
 * Every step is logged in {@link ProcessedVoice#steps()} with its effect.
 */
public final class BroadcastPreprocessor {
  /**
   * The chain's settings.
   *
   * @param sampleRate output rate (the XTTS conditioning rate)
   * @param highPassHz high-pass corner; rumble and handling noise below it carry no voice
   * @param targetLufs integrated loudness target
   * @param truePeakCeilingDbtp the gain never lifts the true peak above this
   * @param edgePaddingMs silence kept before the first and after the last speech
   * @param maxPauseMs internal pauses longer than this are shortened to it
   * @param minSeconds under this, a warning (too little voice to clone well)
   * @param maxSeconds the longest reference kept (the best window by speech content)
   */
  public record Settings(
      int sampleRate,
      double highPassHz,
      double targetLufs,
      double truePeakCeilingDbtp,
      int edgePaddingMs,
      int maxPauseMs,
      double minSeconds,
      double maxSeconds) {

    /** The documented defaults (README, "--preprocess=broadcast"). */
    public static Settings defaults() {
      return new Settings(22050, 70, -20, -1, 100, 700, 6, 30);
    }
  }

  private static final int CROSSFADE_MS = 5;
  // Q of the two sections of a 4th-order Butterworth high-pass
  private static final double[] BUTTERWORTH_Q = {0.5411961, 1.3065630};

  private BroadcastPreprocessor() {}

  public static ProcessedVoice process(AudioClip clip) {
    return process(clip, Settings.defaults());
  }

  public static ProcessedVoice process(AudioClip clip, Settings s) {
    return process(clip, s, SpeechActivity.create());
  }

  /**
   * @param vad where the speech is, for the edge trim, the pauses and the window (Silero VAD where
   *     it is installed, else the energy detector)
   */
  public static ProcessedVoice process(AudioClip clip, Settings s, SpeechDetector vad) {
    List<String> steps = new StepLog();
    List<String> warnings = new ArrayList<>();
    long inputMs = clip.durationMillis();
    AudioClip mono = clip.toMono();
    if (clip.channelCount() > 1) {
      steps.add("mono from " + clip.channelCount() + " channels");
    }
    boolean resampled = mono.sampleRate() != s.sampleRate();
    if (resampled) {
      mono = Resampler.resample(mono, s.sampleRate());
      steps.add("resampled " + clip.sampleRate() + " -> " + s.sampleRate() + " Hz");
    }
    float[] x = mono.channel(0);
    for (double q : BUTTERWORTH_Q) {
      x = Biquad.highPass(s.sampleRate(), s.highPassHz(), q).apply(x);
    }
    steps.add(fmt("high-pass %.0f Hz (4th-order Butterworth)", s.highPassHz()));
    mono = AudioClip.mono(s.sampleRate(), x);

    int[] edges = SpeechEdges.find(mono, vad, s.edgePaddingMs());
    long edgeMs = ms(mono.frames() - (edges[1] - edges[0]), s.sampleRate());
    mono = mono.slice(edges[0], edges[1]);
    steps.add("edges trimmed " + edgeMs + " ms (" + vad.name() + " VAD)");

    int before = mono.frames();
    mono = shortenPauses(mono, vad, s.maxPauseMs());
    long pauseMs = ms(before - mono.frames(), s.sampleRate());
    steps.add("pauses over " + s.maxPauseMs() + " ms shortened by " + pauseMs + " ms in all");

    long cutMs = 0;
    int maxFrames = (int) (s.maxSeconds() * s.sampleRate());
    if (mono.frames() > maxFrames) {
      int from = bestWindow(mono, vad, maxFrames);
      cutMs = ms(mono.frames() - maxFrames, s.sampleRate());
      mono = mono.slice(from, from + maxFrames);
      steps.add(fmt("best %.0f s window by speech content from %.2f s", s.maxSeconds(), from / (double) s.sampleRate()));
    }

    LoudnessNormalizer.Result loud = LoudnessNormalizer.normalize(mono, s.targetLufs(), s.truePeakCeilingDbtp());
    mono = loud.audio();
    steps.add(
        loud.lufsBefore() == null
            ? "loudness not measurable: no gain"
            : fmt("loudness %.1f -> %.1f LUFS (gain %.2f dB, true peak %.1f dBTP)",
                loud.lufsBefore(), loud.lufsAfter(), loud.gainDb(), loud.truePeakAfter()));
    if (mono.durationSeconds() < s.minSeconds()) {
      warnings.add(fmt("reference is %.1f s after broadcast preprocessing; under %.0f s clones poorly",
          mono.durationSeconds(), s.minSeconds()));
    }
    return new ProcessedVoice(
        mono, loud.gainDb(), inputMs, mono.durationMillis(), edgeMs + pauseMs, cutMs, resampled,
        clip.sampleRate(), clip.channelCount(), warnings, steps);
  }

  /** Keeps at most {@code maxPauseMs} of each non-speech run, half on each side, crossfaded. */
  static AudioClip shortenPauses(AudioClip mono, SpeechDetector vad, int maxPauseMs) {
    boolean[] speech = vad.speechFrames(mono);
    int hop = vad.frameSamples(mono.sampleRate());
    int keep = maxPauseMs * mono.sampleRate() / 1000;
    int fade = CROSSFADE_MS * mono.sampleRate() / 1000;
    float[] x = mono.channel(0);
    float[] out = new float[x.length];
    int written = 0;
    int copiedUpTo = 0;
    int f = 0;
    while (f < speech.length) {
      if (speech[f]) {
        f++;
        continue;
      }
      int start = f;
      while (f < speech.length && !speech[f]) {
        f++;
      }
      int from = start * hop;
      int to = Math.min(x.length, f * hop);
      if (to - from <= keep + 2 * fade) {
        continue;
      }
      int cutFrom = from + keep / 2;
      int cutTo = to - keep / 2;
      // copy up to the cut, then crossfade the tail of the kept start into the kept end
      System.arraycopy(x, copiedUpTo, out, written, cutFrom - copiedUpTo);
      written += cutFrom - copiedUpTo;
      for (int i = 0; i < fade; i++) {
        double w = (i + 0.5) / fade;
        out[written - fade + i] = (float) (out[written - fade + i] * (1 - w) + x[cutTo + i] * w);
      }
      copiedUpTo = cutTo + fade;
    }
    System.arraycopy(x, copiedUpTo, out, written, x.length - copiedUpTo);
    written += x.length - copiedUpTo;
    return AudioClip.mono(mono.sampleRate(), Arrays.copyOf(out, written));
  }

  /** Start (in samples) of the window of {@code length} samples with the most speech frames. */
  static int bestWindow(AudioClip mono, SpeechDetector vad, int length) {
    boolean[] speech = vad.speechFrames(mono);
    int hop = vad.frameSamples(mono.sampleRate());
    int window = Math.max(1, length / hop);
    int[] prefix = new int[speech.length + 1];
    for (int i = 0; i < speech.length; i++) {
      prefix[i + 1] = prefix[i] + (speech[i] ? 1 : 0);
    }
    int best = 0;
    int bestCount = -1;
    for (int start = 0; start + window <= speech.length; start++) {
      int count = prefix[start + window] - prefix[start];
      if (count > bestCount) {
        bestCount = count;
        best = start;
      }
    }
    return Math.min(best * hop, mono.frames() - length);
  }

  /** A step list that appends each step's elapsed time since the previous one. */
  private static final class StepLog extends ArrayList<String> {
    private long last = System.nanoTime();

    @Override
    public boolean add(String step) {
      long now = System.nanoTime();
      boolean added = super.add(String.format(Locale.ROOT, "%s (%.1f ms)", step, (now - last) / 1e6));
      last = now;
      return added;
    }
  }

  private static long ms(long frames, int rate) {
    return Math.round(1000.0 * frames / rate);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
