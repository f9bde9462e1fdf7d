package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whisper's encoder input, as openai-whisper's {@code audio.log_mel_spectrogram}: 16 kHz, |STFT|²
 * (n_fft 400, hop 160, periodic Hann, centred with reflect padding, last frame dropped), librosa's
 * Slaney mel filters (whisper's mel_filters.npz is librosa.filters.mel(sr=16000, n_fft=400)),
 * log10(max(x, 1e-10)), max(x, max - 8), (x + 4) / 4. Windows of 30 s are padded with zeros to
 * 480000 samples first (whisper.pad_or_trim, and the Hugging Face feature extractor), giving
 * [nMels][3000]. Immutable and thread-safe.
 */
public final class WhisperLogMel {
  public static final int SAMPLE_RATE = 16000; // whisper/audio.py SAMPLE_RATE
  public static final int N_SAMPLES = 480000; // whisper/audio.py N_SAMPLES: 30 s
  public static final int N_FRAMES = 3000; // whisper/audio.py N_FRAMES = N_SAMPLES // HOP_LENGTH
  /** Bands of every Whisper model except large-v3, which has 128. */
  public static final int DEFAULT_MELS = 80;

  private static final int N_FFT = 400; // whisper/audio.py N_FFT
  private static final int HOP = 160; // whisper/audio.py HOP_LENGTH
  private static final double FLOOR = 1e-10; // whisper: torch.clamp(mel_spec, min=1e-10)
  private static final double DYNAMIC_RANGE = 8.0; // whisper: log_spec.max() - 8.0
  private static final double OFFSET = 4.0; // whisper: (log_spec + 4.0) / 4.0
  private static final double SCALE = 4.0;

  private final int mels;
  private final Stft stft;
  private final MelFilterBank bank;

  /** 80 bands. */
  public WhisperLogMel() {
    this(DEFAULT_MELS);
  }

  /** @param mels 80, or 128 for large-v3 */
  public WhisperLogMel(int mels) {
    this.mels = mels;
    this.stft = new Stft(N_FFT, HOP, WindowFunction.HANN.periodic(N_FFT), Stft.Padding.REFLECT);
    this.bank = MelFilterBank.librosa(SAMPLE_RATE, N_FFT, mels, 0.0, SAMPLE_RATE / 2.0,
        MelFilterBank.MelScale.SLANEY, MelFilterBank.Norm.SLANEY);
  }

  public int mels() {
    return mels;
  }

  /** One [nMels][3000] window per 30 s of the clip (channel average at 16 kHz), the last padded. */
  public List<float[][]> windows(AudioClip clip) {
    return windows(MonoSignal.at(clip, SAMPLE_RATE));
  }

  /** One [nMels][3000] window per 30 s of 16 kHz mono audio; at least one. */
  public List<float[][]> windows(float[] audio) {
    List<float[][]> out = new ArrayList<>();
    int start = 0;
    do {
      out.add(window(Arrays.copyOfRange(audio, start, start + N_SAMPLES)));
      start += N_SAMPLES;
    } while (start < audio.length);
    return out;
  }

  /** whisper's pad_or_trim to 480000 samples, then the log-mel: [nMels][3000]. */
  public float[][] window(float[] audio) {
    return logMel(audio.length == N_SAMPLES ? audio : Arrays.copyOf(audio, N_SAMPLES));
  }

  /** log_mel_spectrogram of the audio as it is (no padding): [nMels][n / 160]. */
  public float[][] logMel(float[] audio) {
    MonoSignal.requireSamples(audio);
    int frames = stft.frameCount(audio.length) - 1; // whisper: stft[..., :-1]
    double[][] mel = new double[frames][mels];
    stft.forEachPowerFrame(audio, (f, power) -> {
      if (f < frames) {
        bank.apply(power, mel[f]);
      }
    });
    double max = Double.NEGATIVE_INFINITY;
    for (double[] frame : mel) {
      for (int m = 0; m < mels; m++) {
        frame[m] = Math.log10(Math.max(frame[m], FLOOR));
        max = Math.max(max, frame[m]);
      }
    }
    double floor = max - DYNAMIC_RANGE;
    float[][] out = new float[mels][frames];
    for (int f = 0; f < frames; f++) {
      for (int m = 0; m < mels; m++) {
        out[m][f] = (float) ((Math.max(mel[f][m], floor) + OFFSET) / SCALE);
      }
    }
    return out;
  }
}
