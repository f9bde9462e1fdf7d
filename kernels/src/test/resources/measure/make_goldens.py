#!/usr/bin/env python3
"""Writes goldens.json: reference measurements of every clip in clips/ (built by make_corpus.sh).

References, each independent of the Java code under test:
  ffmpeg   `ffmpeg -nostats -i X -af ebur128=peak=true -f null -`: the Summary's integrated
           loudness (I, 0.1 LU resolution) and true peak (dBFS, 0.1 dB resolution); the same
           filter's metadata (metadata=1) gives the final I with 3 decimals.
  ebur128  libebur128 (Debian libebur128-1) through ctypes: integrated loudness, true peak and
           sample peak without rounding. Channel map as ffmpeg reads FLAC/WAV channel layouts.
  numpy    WADA-SNR (Kim & Stern 2008) ported below from the widely used Python reference
           (itself adapted from the snreval MATLAB code), run on the mean of the channels; sample
           peak and DC offset (mean of all samples).

Audio reaches numpy and libebur128 as float32 decoded by ffmpeg (integer PCM / 2^(bits-1)),
the same scaling as dev.voicegen.audio.io.AudioDecoder.

Usage: make_goldens.py   (run from anywhere; needs ffmpeg, numpy, libebur128.so.1)
"""
import ctypes
import json
import math
import pathlib
import re
import subprocess

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
CLIPS = HERE / "clips"

# WADA-SNR lookup table: G(SNR) for SNR = -20..100 dB in 1 dB steps (Kim & Stern 2008, as in the
# reference Python/MATLAB implementations).
WADA_DB = np.arange(-20, 101)
WADA_G = np.array([
    0.40974774, 0.40986926, 0.40998566, 0.40969089, 0.40986186, 0.40999006, 0.41027138,
    0.41052627, 0.41101024, 0.41143264, 0.41231718, 0.41337272, 0.41526426, 0.4178192,
    0.42077252, 0.42452799, 0.42918886, 0.43510373, 0.44234195, 0.45161485, 0.46221153,
    0.47491647, 0.48883809, 0.50509236, 0.52353709, 0.54372088, 0.56532427, 0.58847532,
    0.61346212, 0.63954496, 0.66750818, 0.69583724, 0.72454762, 0.75414799, 0.78323148,
    0.81240985, 0.84219775, 0.87166406, 0.90030504, 0.92880418, 0.95655449, 0.9835349,
    1.01047155, 1.0362095, 1.06136425, 1.08579312, 1.1094819, 1.13277995, 1.15472826,
    1.17627308, 1.19703503, 1.21671694, 1.23535898, 1.25364313, 1.27103891, 1.28718029,
    1.30302865, 1.31839527, 1.33294817, 1.34700935, 1.3605727, 1.37345513, 1.38577122,
    1.39733504, 1.40856397, 1.41959619, 1.42983624, 1.43958467, 1.44902176, 1.45804831,
    1.46669568, 1.47486938, 1.48269965, 1.49034339, 1.49748214, 1.50435106, 1.51076426,
    1.51698915, 1.5229097, 1.528578, 1.53389835, 1.5391211, 1.5439065, 1.54858517,
    1.55310776, 1.55744391, 1.56164927, 1.56566348, 1.56938671, 1.57307767, 1.57654764,
    1.57980083, 1.58304129, 1.58602496, 1.58880681, 1.59162477, 1.5941969, 1.59693155,
    1.599446, 1.60185011, 1.60408668, 1.60627134, 1.60826199, 1.61004547, 1.61192472,
    1.61369656, 1.61534074, 1.61688905, 1.61838916, 1.61985374, 1.62135878, 1.62268119,
    1.62390423, 1.62513143, 1.62632463, 1.6274027, 1.62842767, 1.62945532, 1.6303307,
    1.63128026, 1.63204102])
assert len(WADA_G) == 121 and len(WADA_DB) == 121


def wada_snr(wav):
    """The reference WADA-SNR on a 1-D signal; None for digital silence."""
    eps = 1e-10
    wav = np.asarray(wav, dtype=np.float64)
    peak = np.abs(wav).max() if wav.size else 0.0
    if peak == 0.0:
        return None
    wav = wav / peak
    abs_wav = np.abs(wav)
    abs_wav[abs_wav < eps] = eps
    v1 = max(eps, abs_wav.mean())        # E[|z|]
    v2 = np.log(abs_wav).mean()          # E[log|z|]
    v3 = np.log(v1) - v2                 # log(E[|z|]) - E[log|z|]
    below = np.where(WADA_G < v3)[0]
    if below.size == 0:
        wav_snr = WADA_DB[0]
    elif below.max() == len(WADA_DB) - 1:
        wav_snr = WADA_DB[-1]
    else:
        i = below.max()
        wav_snr = WADA_DB[i] + (v3 - WADA_G[i]) / (WADA_G[i + 1] - WADA_G[i]) * (WADA_DB[i + 1] - WADA_DB[i])
    energy = np.sum(wav ** 2)
    factor = 10 ** (wav_snr / 10)
    noise_energy = energy / (1 + factor)
    signal_energy = energy * factor / (1 + factor)
    return float(10 * np.log10(signal_energy / noise_energy))


def probe(path):
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
         "stream=sample_rate,channels,channel_layout", "-of", "json", str(path)],
        check=True, capture_output=True, text=True).stdout
    stream = json.loads(out)["streams"][0]
    return int(stream["sample_rate"]), int(stream["channels"]), stream.get("channel_layout", "")


def decode(path, channels):
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "f32le", "-acodec", "pcm_f32le", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<f4").reshape(-1, channels)


def ffmpeg_ebur128(path):
    """(integrated LUFS with 3 decimals or None, summary I, summary true peak dBFS or None)."""
    meta = HERE / ".ebur128_meta.txt"
    result = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
         f"ebur128=peak=true:metadata=1,ametadata=mode=print:file={meta}", "-f", "null", "-"],
        check=True, capture_output=True, text=True)
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    summary_i = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak_text = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1)
    true_peak = None if peak_text == "-inf" else float(peak_text)
    values = re.findall(r"lavfi\.r128\.I=(-?[\d.]+)", meta.read_text()) if meta.exists() else []
    meta.unlink(missing_ok=True)
    precise_i = float(values[-1]) if values else summary_i
    # the filter starts at the -70 LUFS absolute gate and stays there when no block passes it
    if summary_i <= -70.0:
        return None, None, true_peak
    assert abs(precise_i - summary_i) <= 0.05 + 1e-9, (path, precise_i, summary_i)
    return precise_i, summary_i, true_peak


class Ebur128:
    """The few libebur128 calls needed, through ctypes."""
    MODE_I = (1 << 2) | (1 << 0)
    MODE_SAMPLE_PEAK = (1 << 4) | (1 << 0)
    MODE_TRUE_PEAK = (1 << 5) | (1 << 0) | MODE_SAMPLE_PEAK
    UNUSED, LEFT, RIGHT, CENTER, LEFT_SURROUND, RIGHT_SURROUND = 0, 1, 2, 3, 4, 5
    # channel types in FLAC/ffmpeg default order (quad = L R Ls Rs; 5.0 and 5.1 with surrounds last)
    MAPS = {1: [LEFT], 2: [LEFT, RIGHT], 3: [LEFT, RIGHT, CENTER],
            4: [LEFT, RIGHT, LEFT_SURROUND, RIGHT_SURROUND],
            5: [LEFT, RIGHT, CENTER, LEFT_SURROUND, RIGHT_SURROUND],
            6: [LEFT, RIGHT, CENTER, UNUSED, LEFT_SURROUND, RIGHT_SURROUND]}

    def __init__(self):
        lib = ctypes.CDLL("libebur128.so.1")
        lib.ebur128_init.restype = ctypes.c_void_p
        lib.ebur128_init.argtypes = [ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        lib.ebur128_set_channel.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int]
        lib.ebur128_add_frames_float.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.c_size_t]
        for name in ("ebur128_loudness_global",):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)]
        for name in ("ebur128_true_peak", "ebur128_sample_peak"):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_double)]
        lib.ebur128_destroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        self.lib = lib

    def measure(self, frames, sample_rate):
        """(integrated LUFS or None, true peak dBTP or None, sample peak dBFS or None)."""
        lib = self.lib
        channels = frames.shape[1]
        state = ctypes.c_void_p(lib.ebur128_init(channels, sample_rate, self.MODE_I | self.MODE_TRUE_PEAK))
        try:
            for index, kind in enumerate(self.MAPS[channels]):
                lib.ebur128_set_channel(state, index, kind)
            data = np.ascontiguousarray(frames, dtype=np.float32)
            lib.ebur128_add_frames_float(state, data.ctypes.data_as(ctypes.POINTER(ctypes.c_float)), len(data))
            value = ctypes.c_double()
            lib.ebur128_loudness_global(state, ctypes.byref(value))
            lufs = value.value if math.isfinite(value.value) else None
            peaks = []
            for function in (lib.ebur128_true_peak, lib.ebur128_sample_peak):
                peak = 0.0
                for channel in range(channels):
                    function(state, channel, ctypes.byref(value))
                    peak = max(peak, value.value)
                peaks.append(20 * math.log10(peak) if peak > 0 else None)
            return lufs, peaks[0], peaks[1]
        finally:
            lib.ebur128_destroy(ctypes.byref(state))


def rounded(value, digits=4):
    return None if value is None else round(value, digits)


def main():
    ebur128 = Ebur128()
    goldens = {}
    for path in sorted(CLIPS.iterdir()):
        sample_rate, channels, layout = probe(path)
        frames = decode(path, channels)
        ff_lufs, ff_lufs_summary, ff_true_peak = ffmpeg_ebur128(path)
        lib_lufs, lib_true_peak, lib_sample_peak = ebur128.measure(frames, sample_rate)
        samples = frames.astype(np.float64)
        peak = float(np.abs(samples).max()) if samples.size else 0.0
        goldens[path.name] = {
            "sampleRate": sample_rate,
            "channels": channels,
            "channelLayout": layout,
            "frames": int(frames.shape[0]),
            "ffmpeg": {
                "integratedLufs": ff_lufs,
                "integratedLufsSummary": ff_lufs_summary,
                "truePeakDbtp": ff_true_peak,
            },
            "libebur128": {
                "integratedLufs": rounded(lib_lufs),
                "truePeakDbtp": rounded(lib_true_peak),
                "samplePeakDbfs": rounded(lib_sample_peak),
            },
            "numpy": {
                "wadaSnrDb": rounded(wada_snr(samples.mean(axis=1))),
                "samplePeakDbfs": rounded(20 * math.log10(peak) if peak > 0 else None),
                "dcOffset": round(float(samples.mean()), 7) if samples.size else None,
            },
        }
        print(path.name, json.dumps(goldens[path.name]["ffmpeg"]), goldens[path.name]["numpy"]["wadaSnrDb"])
    tools = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    document = {
        "generator": "make_goldens.py",
        "tools": {"ffmpeg": tools, "numpy": np.__version__, "libebur128": "Debian libebur128-1"},
        "clips": goldens,
    }
    (HERE / "goldens.json").write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
