package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mel that feeds XTTS v2's conditioning encoder (Coqui xtts.py {@code wav_to_mel_cloning} as
 * {@code get_gpt_cond_latents} calls it): torchaudio MelSpectrogram at 22050 Hz with n_fft 2048,
 * hop 256, a 1024-point periodic Hann centred in the frame, reflect padding, power 2, 80 HTK bands
 * from 0 to 8000 Hz with norm="slaney"; then log(max(x, 1e-5)) divided per band by the model's
 * mel_stats. {@link #chunks} applies the reference-audio chunking. Immutable and thread-safe.
 */
public final class XttsConditioningMel {
  public static final int SAMPLE_RATE = 22050; // xtts.py: wav_to_mel_cloning sample_rate
  public static final int MELS = 80; // xtts.py: n_mels
  /** Chunk length, gpt_cond_chunk_len in the XTTS v2 config. */
  public static final int CHUNK_SECONDS = 4;
  /** Audio used at most, gpt_cond_len in the XTTS v2 config. */
  public static final int MAX_SECONDS = 30;

  private static final int N_FFT = 2048; // xtts.py get_gpt_cond_latents: n_fft=2048
  private static final int HOP = 256; // hop_length=256
  private static final int WINDOW = 1024; // win_length=1024
  private static final double F_MAX = 8000.0; // f_max=8000
  private static final double FLOOR = 1e-5; // torch.clamp(mel, min=1e-5)
  public static final double MIN_CHUNK_SECONDS = 0.33; // "if the chunk is too short ignore it"

  private final float[] melStats;
  private final Stft stft;
  private final MelFilterBank bank;

  /** @param melStats the model's mel_stats.npy: 80 positive per-band divisors; copied */
  public XttsConditioningMel(float[] melStats) {
    if (melStats.length != MELS) {
      throw new IllegalArgumentException("mel_stats needs " + MELS + " values: " + melStats.length);
    }
    for (float v : melStats) {
      if (!(Float.isFinite(v) && v != 0f)) {
        throw new IllegalArgumentException("mel_stats holds a zero or non-finite value: " + v);
      }
    }
    this.melStats = melStats.clone();
    this.stft = new Stft(N_FFT, HOP, WindowFunction.HANN.periodic(WINDOW), Stft.Padding.REFLECT);
    this.bank = MelFilterBank.torchaudio(SAMPLE_RATE, N_FFT, MELS, 0.0, F_MAX,
        MelFilterBank.MelScale.HTK, MelFilterBank.Norm.SLANEY);
  }

  /** The normalised log-mel of 22050 Hz mono audio: [80][1 + n / 256]. */
  public float[][] compute(float[] audio) {
    MonoSignal.requireSamples(audio);
    int frames = stft.frameCount(audio.length);
    float[][] out = new float[MELS][frames];
    double[] mel = new double[MELS];
    stft.forEachPowerFrame(audio, (f, power) -> {
      bank.apply(power, mel);
      for (int m = 0; m < MELS; m++) {
        out[m][f] = (float) (Math.log(Math.max(mel[m], FLOOR)) / melStats[m]);
      }
    });
    return out;
  }

  /** {@link #chunks(float[])} of the clip's channel average at 22050 Hz. */
  public List<float[][]> chunks(AudioClip clip) {
    return chunks(MonoSignal.at(clip, SAMPLE_RATE));
  }

  /**
   * One mel per 4-s chunk of the first 30 s, chunks under 0.33 s left out (so empty for audio that
   * short); the conditioning encoder's outputs for them are averaged.
   */
  public List<float[][]> chunks(float[] audio) {
    List<float[][]> out = new ArrayList<>();
    for (int[] range : chunkRanges(audio.length)) {
      out.add(compute(Arrays.copyOfRange(audio, range[0], range[1])));
    }
    return out;
  }

  /** The [start, end) sample ranges {@link #chunks} uses for audio of {@code samples} samples. */
  public static List<int[]> chunkRanges(int samples) {
    int limit = Math.min(samples, MAX_SECONDS * SAMPLE_RATE);
    int chunk = CHUNK_SECONDS * SAMPLE_RATE;
    List<int[]> ranges = new ArrayList<>();
    for (int start = 0; start < limit; start += chunk) {
      int end = Math.min(start + chunk, limit);
      if (end - start >= MIN_CHUNK_SECONDS * SAMPLE_RATE) {
        ranges.add(new int[] {start, end});
      }
    }
    return ranges;
  }
}
