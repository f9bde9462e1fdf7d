package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;

/**
 * The mel that feeds XTTS v2's speaker encoder (Coqui's ResNetSpeakerEncoder {@code torch_spec}
 * with XTTS's speaker_encoder_audio_config): pre-emphasis 0.97, then torchaudio MelSpectrogram at
 * 16 kHz with n_fft 512, a 400-point periodic Hamming centred in the frame, hop 160, reflect
 * padding, power 2, 64 HTK bands from 0 to 8000 Hz, no band normalisation and no log (the graph
 * takes the log). Immutable and thread-safe.
 */
public final class XttsSpeakerMel {
  public static final int SAMPLE_RATE = 16000; // speaker_encoder_audio_config sample_rate
  public static final int MELS = 64; // num_mels

  private static final double PREEMPHASIS = 0.97; // preemphasis
  private static final int N_FFT = 512; // fft_size
  private static final int WINDOW = 400; // win_length
  private static final int HOP = 160; // hop_length

  private final Stft stft;
  private final MelFilterBank bank;

  public XttsSpeakerMel() {
    this.stft = new Stft(N_FFT, HOP, WindowFunction.HAMMING.periodic(WINDOW), Stft.Padding.REFLECT);
    // MelSpectrogram defaults: f_min 0, f_max sample_rate // 2, norm None, mel_scale "htk"
    this.bank = MelFilterBank.torchaudio(SAMPLE_RATE, N_FFT, MELS, 0.0, SAMPLE_RATE / 2,
        MelFilterBank.MelScale.HTK, MelFilterBank.Norm.NONE);
  }

  /** The speaker mel of the clip's channel average at 16 kHz: [64][frames]. */
  public float[][] compute(AudioClip clip) {
    return compute(MonoSignal.at(clip, SAMPLE_RATE));
  }

  /** The speaker mel of 16 kHz mono audio: [64][1 + n / 160]. */
  public float[][] compute(float[] audio) {
    MonoSignal.requireSamples(audio);
    float[] emphasised = preEmphasis(audio);
    int frames = stft.frameCount(audio.length);
    float[][] out = new float[MELS][frames];
    double[] mel = new double[MELS];
    stft.forEachPowerFrame(emphasised, (f, power) -> {
      bank.apply(power, mel);
      for (int m = 0; m < MELS; m++) {
        out[m][f] = (float) mel[m];
      }
    });
    return out;
  }

  /** y[n] = x[n] - 0.97·x[n-1], with x[-1] = x[1] (Coqui's PreEmphasis reflect-pads one sample). */
  static float[] preEmphasis(float[] x) {
    float[] y = new float[x.length];
    double before = x.length > 1 ? x[1] : x[0];
    for (int n = 0; n < x.length; n++) {
      y[n] = (float) (x[n] - PREEMPHASIS * before);
      before = x[n];
    }
    return y;
  }
}
