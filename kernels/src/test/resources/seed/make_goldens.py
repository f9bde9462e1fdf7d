#!/usr/bin/python3
"""Golden values for the seed semantics (analyze / optimize / preprocess), computed with pydub.

Run with the Debian interpreter (python3-pydub, python3-numpy):
    /usr/bin/python3 make_goldens.py [--dump DIR]
Reads clips/*.wav, writes goldens.json next to this script, and the same values flattened into
goldens.properties (key = dotted JSON path, lists comma-separated, None as "null"), which is what
the Java test reads. --dump DIR also writes the pydub
outputs of every stage as 16-bit WAV into DIR, for sample-level debugging (not committed).
This file is the reference implementation of /work/shared/specs/voice-samples.md "Seed semantics".
"""
import argparse
import glob
import hashlib
import importlib.metadata
import json
import math
import os
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # audioop, used by pydub

import numpy as np
import pydub
from pydub import AudioSegment
from pydub.effects import compress_dynamic_range, normalize, strip_silence
from pydub.silence import detect_nonsilent

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_RATE = 22050
MAX_MS = 30000


def dbfs_or_none(value):
    return None if math.isinf(value) else value


def md5(seg):
    return hashlib.md5(seg.raw_data).hexdigest()


# ---------------------------------------------------------------- analyze
def speech_status(speech_s):
    if speech_s < 6:
        return "too short"
    if speech_s < 10:
        return "short"
    if speech_s > 30:
        return "long"
    return "ok"


def analyze(path):
    audio = AudioSegment.from_file(path)
    duration_s = len(audio) / 1000.0
    ranges = detect_nonsilent(audio, min_silence_len=500, silence_thresh=-40)
    speech_s = sum(end - start for start, end in ranges) / 1000.0
    silence_s = duration_s - speech_s
    loudness = audio.dBFS
    silence_ratio = silence_s / duration_s if duration_s > 0 else 1.0
    checks = {
        "speech_duration": 10 <= speech_s <= 30,
        "channels": audio.channels == 1,
        "sample_rate": audio.frame_rate == TARGET_RATE,
        "loudness": -30 <= loudness <= -10,
        "silence_ratio": silence_ratio <= 0.5,
    }
    score = 20 * sum(checks.values())
    verdict = "excellent" if score >= 80 else "good" if score >= 60 else "needs improvement"
    return {
        "duration_s": duration_s,
        "speech_duration_s": speech_s,
        "silence_duration_s": silence_s,
        "channels": audio.channels,
        "sample_rate": audio.frame_rate,
        "file_size_mb": os.path.getsize(path) / (1024 * 1024),
        "loudness_dbfs": dbfs_or_none(loudness),
        "peak_dbfs": dbfs_or_none(audio.max_dBFS),
        "rms": audio.rms,
        "peak": audio.max,
        "speech_segments": len(ranges),
        "speech_ranges": ranges,
        "speech_status": speech_status(speech_s),
        "checks": checks,
        "failed_checks": [name for name, ok in checks.items() if not ok],
        "score": score,
        "verdict": verdict,
    }


# ---------------------------------------------------------------- optimize / preprocess
def process(audio, always_resample, ratio, padding, keep_middle, dump=None):
    stages = {}

    def stage(name, seg):
        stages[name] = {"frames": int(seg.frame_count()), "length_ms": len(seg), "md5": md5(seg)}
        if dump:
            seg.export(dump + "_" + name + ".wav", format="wav")
        return seg

    audio = stage("mono", audio.set_channels(1))
    # set_frame_rate is a no-op at the same rate, so "always" and "when different" agree in pydub
    if always_resample or audio.frame_rate != TARGET_RATE:
        audio = audio.set_frame_rate(TARGET_RATE)
    audio = stage("resampled", audio)
    peak = audio.max
    gain_db = 0.0 if peak == 0 else pydub.utils.ratio_to_db(
        audio.max_possible_amplitude * pydub.utils.db_to_float(-0.1) / peak)
    audio = stage("normalized", normalize(audio, headroom=0.1))
    audio = stage("compressed", compress_dynamic_range(
        audio, threshold=-20.0, ratio=ratio, attack=5.0, release=50.0))
    before_strip = len(audio)
    audio = stage("stripped", strip_silence(audio, silence_len=1000, silence_thresh=-40, padding=padding))
    trimmed = before_strip - len(audio)
    before_cut = len(audio)
    if len(audio) > MAX_MS:
        if keep_middle:
            start = (len(audio) - MAX_MS) // 2
            audio = audio[start:start + MAX_MS]
        else:
            audio = audio[:MAX_MS]
    audio = stage("capped", audio)
    samples = np.array(audio.get_array_of_samples(), dtype=np.float64)
    return {
        "length_ms": len(audio),
        "frames": int(audio.frame_count()),
        "peak_dbfs": dbfs_or_none(audio.max_dBFS) if len(samples) else None,
        "rms_dbfs": dbfs_or_none(audio.dBFS),
        "gain_db": gain_db,
        "trimmed_ms": trimmed,
        "cut_ms": before_cut - len(audio),
        "md5": md5(audio),
        "sum_abs": float(np.abs(samples).sum()),
        "stages": stages,
    }


def preprocess(path, dump=None):
    r = process(AudioSegment.from_file(path), True, 3.0, 150, True, dump)
    r["warning"] = r["length_ms"] < 6000
    return r


def optimize(path, dump=None):
    r = process(AudioSegment.from_file(path), False, 4.0, 100, False, dump)
    r["warning"] = r["length_ms"] < 10000
    return r


def flatten(prefix, value, out):
    if isinstance(value, dict):
        for key, item in value.items():
            flatten(prefix + "." + key if prefix else key, item, out)
    elif isinstance(value, list):
        out[prefix] = ",".join("-".join(str(v) for v in item) if isinstance(item, list) else str(item)
                               for item in value)
    elif value is None:
        out[prefix] = "null"
    elif isinstance(value, str):
        out[prefix] = value
    elif isinstance(value, bool):
        out[prefix] = "true" if value else "false"
    else:
        out[prefix] = repr(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", help="directory for per-stage WAVs (debugging)")
    args = parser.parse_args()
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
    goldens = {"generator": "make_goldens.py", "pydub": importlib.metadata.version("pydub"),
               # 0.24.1 and 0.25.1 differ only in file loading options and docstrings for what is used here

               "python": sys.version.split()[0], "clips": {}}
    for path in sorted(glob.glob(os.path.join(HERE, "clips", "*.wav"))):
        name = os.path.basename(path)
        stem = os.path.join(args.dump, name[:-4]) if args.dump else None
        goldens["clips"][name] = {
            "analysis": analyze(path),
            "preprocess": preprocess(path, stem and stem + "_pre"),
            "optimize": optimize(path, stem and stem + "_opt"),
        }
        a = goldens["clips"][name]
        print(name, a["analysis"]["score"], a["analysis"]["verdict"],
              a["preprocess"]["length_ms"], a["optimize"]["length_ms"], flush=True)
    with open(os.path.join(HERE, "goldens.json"), "w") as out:
        json.dump(goldens, out, indent=1, sort_keys=True)
        out.write("\n")
    flat = {}
    flatten("", goldens, flat)
    with open(os.path.join(HERE, "goldens.properties"), "w") as out:
        out.write("# generated by make_goldens.py from the same values as goldens.json\n")
        for key in sorted(flat):
            out.write(key.replace(" ", "\\ ") + "=" + flat[key] + "\n")


if __name__ == "__main__":
    main()
