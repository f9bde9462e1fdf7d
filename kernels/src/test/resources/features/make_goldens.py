#!/usr/bin/python3
"""Golden arrays for dev.voicegen.audio.features and dev.voicegen.audio.dsp.

Numpy/scipy ports (float64) of the reference front ends, written from their definitions:
  - librosa 0.10: filters.mel, feature.melspectrogram, power_to_db, feature.mfcc (defaults)
  - openai-whisper audio.py: log_mel_spectrogram, pad_or_trim (mel filters = librosa Slaney mel)
  - torchaudio.transforms.MelSpectrogram (HTK scale, torch.stft framing), as Coqui XTTS v2 uses it
    in xtts.py wav_to_mel_cloning (conditioning mel) and in the ResNet speaker encoder's torch_spec
  - scipy.signal.resample_poly, once with our Kaiser design and once with scipy's own filter
Run with /usr/bin/python3 (numpy + scipy only) after make_clips.sh; writes goldens/*.npz.
"""
import os
import subprocess

import numpy as np
import scipy.fft
import scipy.signal

HERE = os.path.dirname(os.path.abspath(__file__))
CLIPS = ["fox", "quiet", "french", "german"]


def read_flac(path):
    """16-bit mono FLAC as float64 s/32768 (the same values AudioDecoder gives)."""
    raw = subprocess.run(["sox", path, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


# ---- mel scales (librosa.core.convert hz_to_mel / mel_to_hz; torchaudio _hz_to_mel) ----
def hz_to_mel(f, htk):
    f = np.asarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    lin = f / f_sp
    log = min_log_mel + np.log(np.maximum(f, min_log_hz) / min_log_hz) / logstep
    return np.where(f >= min_log_hz, log, lin)


def mel_to_hz(m, htk):
    m = np.asarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def librosa_mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm="slaney"):
    """librosa.filters.mel: [n_mels, 1 + n_fft // 2]."""
    fftfreqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, len(fftfreqs)))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
    return weights


def torchaudio_mel(sr, n_fft, n_mels, f_min, f_max, norm, htk=True):
    """torchaudio.functional.melscale_fbanks, transposed to [n_mels, n_freqs]."""
    n_freqs = n_fft // 2 + 1
    all_freqs = np.linspace(0, sr // 2, n_freqs)
    f_pts = mel_to_hz(np.linspace(hz_to_mel(f_min, htk), hz_to_mel(f_max, htk), n_mels + 2), htk)
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts[None, :] - all_freqs[:, None]
    down = -slopes[:, :-2] / f_diff[:-1]
    up = slopes[:, 2:] / f_diff[1:]
    fb = np.maximum(0.0, np.minimum(down, up))
    if norm == "slaney":
        fb *= 2.0 / (f_pts[2:n_mels + 2] - f_pts[:n_mels])
    return fb.T


# ---- framing (librosa.stft center=True / torch.stft center=True) ----
def periodic(name, n):
    return scipy.signal.get_window(name, n, fftbins=True)


def stft_power(y, n_fft, hop, win, pad_mode):
    """|STFT|^2, [1 + n_fft // 2, frames]; a short window is zero-padded and centred (torch.stft)."""
    w = np.zeros(n_fft)
    left = (n_fft - len(win)) // 2
    w[left:left + len(win)] = win
    yp = np.pad(y, n_fft // 2, mode=pad_mode)
    n_frames = 1 + (len(yp) - n_fft) // hop
    frames = np.lib.stride_tricks.sliding_window_view(yp, n_fft)[::hop][:n_frames]
    return (np.abs(np.fft.rfft(frames * w, axis=-1)) ** 2).T


# ---- librosa 0.10 mfcc with defaults ----
def librosa_mfcc(y, sr=22050, n_mfcc=20):
    power = stft_power(y, 2048, 512, periodic("hann", 2048), "constant")
    mel = librosa_mel(sr, 2048, 128, 0.0, sr / 2.0) @ power
    db = 10.0 * np.log10(np.maximum(1e-10, mel)) - 10.0 * np.log10(max(1e-10, 1.0))
    db = np.maximum(db, db.max() - 80.0)
    return scipy.fft.dct(db, axis=-2, type=2, norm="ortho")[:n_mfcc]


# ---- whisper audio.py ----
N_SAMPLES = 480000  # whisper: 30 s at 16 kHz


def whisper_log_mel(audio, n_mels=80):
    power = stft_power(audio, 400, 160, periodic("hann", 400), "reflect")[:, :-1]
    mel = librosa_mel(16000, 400, n_mels, 0.0, 8000.0) @ power
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return (log_spec + 4.0) / 4.0


def pad_or_trim(audio):
    return np.pad(audio[:N_SAMPLES], (0, max(0, N_SAMPLES - len(audio))))


# ---- Coqui XTTS v2 front ends ----
def xtts_conditioning_mel(audio, mel_stats):
    power = stft_power(audio, 2048, 256, periodic("hann", 1024), "reflect")
    mel = torchaudio_mel(22050, 2048, 80, 0.0, 8000.0, "slaney") @ power
    return np.log(np.maximum(mel, 1e-5)) / mel_stats[:, None]


def xtts_speaker_mel(audio):
    padded = np.concatenate([audio[1:2], audio])  # F.pad(x, (1, 0), "reflect")
    emphasised = padded[1:] - 0.97 * padded[:-1]
    power = stft_power(emphasised, 512, 160, periodic("hamming", 400), "reflect")
    return torchaudio_mel(16000, 512, 64, 0.0, 8000.0, None) @ power


# ---- the Resampler's Kaiser design (mirrors dev.voicegen.audio.dsp.PolyphaseFilter) ----
def resampler_kernel(fin, fout):
    g = np.gcd(fin, fout)
    up = fout // g
    low = min(fin, fout)
    cutoff = 0.95 * low / 2.0 / fin       # cycles per input sample
    transition = 0.10 * low / 2.0 / fin
    atten = 96.0
    beta = 0.1102 * (atten - 8.7)
    half = int(np.ceil((atten - 7.95) / (2.285 * 2.0 * np.pi * transition) / 2.0))
    tau = np.arange(-half * up, half * up + 1) / up
    inside = np.abs(tau) < half
    arg = np.sqrt(np.clip(1.0 - (tau / half) ** 2, 0.0, None))
    window = np.where(inside, np.i0(beta * arg) / np.i0(beta), 0.0)
    return 2.0 * cutoff * np.sinc(2.0 * cutoff * tau) * window / up  # resample_poly multiplies by up


def save(name, **arrays):
    os.makedirs(os.path.join(HERE, "goldens"), exist_ok=True)
    np.savez_compressed(os.path.join(HERE, "goldens", name + ".npz"), **arrays)


def main():
    mel_stats = 2.0 + 0.75 * np.sin(np.arange(80) / 5.0) + 0.01 * np.arange(80)  # stand-in
    for name in CLIPS:
        y22 = read_flac(os.path.join(HERE, "clips", name + ".22k.flac"))
        y16 = read_flac(os.path.join(HERE, "clips", name + ".16k.flac"))
        raw = whisper_log_mel(y16)
        window = whisper_log_mel(pad_or_trim(y16))
        kept = min(window.shape[1], len(y16) // 160 + 4)  # the rest of the window is one value
        tail = window[:, kept:]
        assert tail.size == 0 or np.ptp(tail) == 0.0, name
        save(name,
             mfcc=librosa_mfcc(y22),
             whisper_raw=raw.astype(np.float32),
             whisper_window_head=window[:, :kept].astype(np.float32),
             whisper_window_tail=np.array([tail[0, 0]]),
             cond_mel=xtts_conditioning_mel(y22, mel_stats).astype(np.float32),
             speaker_mel=xtts_speaker_mel(y16),
             mel_stats=mel_stats.astype(np.float32))

    # filter banks: a probe spectrum through each bank, and each band's sum of weights
    probes = {}
    for key, bank in {
        "librosa_22050_2048_128": librosa_mel(22050, 2048, 128, 0.0, 11025.0),
        "librosa_16000_400_80": librosa_mel(16000, 400, 80, 0.0, 8000.0),
        "librosa_htk_16000_512_40": librosa_mel(16000, 512, 40, 50.0, 7000.0, htk=True),
        "torchaudio_22050_2048_80_slaney": torchaudio_mel(22050, 2048, 80, 0.0, 8000.0, "slaney"),
        "torchaudio_16000_512_64": torchaudio_mel(16000, 512, 64, 0.0, 8000.0, None),
    }.items():
        probe = 1.0 + (np.arange(bank.shape[1]) % 7)
        probes[key + "_probe"] = bank @ probe
        probes[key + "_sums"] = bank.sum(axis=1)
    save("filterbanks", **probes)

    # resampler: fox at 22050 -> 16000, with our kernel (exact) and scipy's default (approximate)
    y22 = read_flac(os.path.join(HERE, "clips", "fox.22k.flac"))
    ours = scipy.signal.resample_poly(y22, 320, 441, window=resampler_kernel(22050, 16000))
    scipys = scipy.signal.resample_poly(y22, 320, 441)
    n = int(np.floor(len(y22) * 16000 / 22050 + 0.5))
    save("resample_fox_22050_16000",
         length=np.array([n]),
         ours_head=ours[:4000], ours_tail=ours[n - 2000:n],
         scipy_head=scipys[:4000], scipy_tail=scipys[n - 2000:n],
         scipy_rms_rel=np.array([np.sqrt(np.mean((ours[:n] - scipys[:n]) ** 2) / np.mean(ours[:n] ** 2))]))


if __name__ == "__main__":
    main()
