#!/usr/bin/python3
"""The seed chain in pydub, timed: the reference side of bin/bench-seed.

    /usr/bin/python3 benchmarks/seed_chain_pydub.py [--reps N] FILE...

For each file and repetition: decode (AudioSegment.from_file), analyze, optimize, preprocess,
exactly as kernels/src/test/resources/seed/make_goldens.py (the committed reference of
specs/voice-samples.md "Seed semantics") does them, minus its golden bookkeeping (per-stage md5,
numpy sums, WAV dumps). Only that work is timed (time.perf_counter), not the interpreter start-up
nor the imports. Prints one tab-separated line per file and repetition:
    file <path> seconds <s> score <analysis score> optimize_ms <len> preprocess_ms <len>
which bench-seed also uses to check that Java and pydub did the same work.
"""
import argparse
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # audioop, used by pydub

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the test resources
sys.path.insert(0, os.path.join(HERE, "..", "kernels", "src", "test", "resources", "seed"))

import make_goldens  # noqa: E402  the reference: constants and speech_status
from pydub import AudioSegment  # noqa: E402
from pydub.effects import compress_dynamic_range, normalize, strip_silence  # noqa: E402
from pydub.silence import detect_nonsilent  # noqa: E402


def analyze(audio, path):
    """make_goldens.analyze on an already decoded segment."""
    duration_s = len(audio) / 1000.0
    ranges = detect_nonsilent(audio, min_silence_len=500, silence_thresh=-40)
    speech_s = sum(end - start for start, end in ranges) / 1000.0
    silence_s = duration_s - speech_s
    loudness = audio.dBFS
    silence_ratio = silence_s / duration_s if duration_s > 0 else 1.0
    checks = [
        10 <= speech_s <= 30,
        audio.channels == 1,
        audio.frame_rate == make_goldens.TARGET_RATE,
        -30 <= loudness <= -10,
        silence_ratio <= 0.5,
    ]
    score = 20 * sum(checks)
    return {"score": score, "status": make_goldens.speech_status(speech_s),
            "peak": audio.max, "size": os.path.getsize(path), "segments": len(ranges)}


def process(audio, always_resample, ratio, padding, keep_middle):
    """make_goldens.process without the per-stage md5 and statistics."""
    audio = audio.set_channels(1)
    if always_resample or audio.frame_rate != make_goldens.TARGET_RATE:
        audio = audio.set_frame_rate(make_goldens.TARGET_RATE)
    audio = normalize(audio, headroom=0.1)
    audio = compress_dynamic_range(audio, threshold=-20.0, ratio=ratio, attack=5.0, release=50.0)
    audio = strip_silence(audio, silence_len=1000, silence_thresh=-40, padding=padding)
    if len(audio) > make_goldens.MAX_MS:
        if keep_middle:
            start = (len(audio) - make_goldens.MAX_MS) // 2
            audio = audio[start:start + make_goldens.MAX_MS]
        else:
            audio = audio[:make_goldens.MAX_MS]
    return audio


def chain(path):
    audio = AudioSegment.from_file(path)
    analysis = analyze(audio, path)
    optimized = process(audio, False, 4.0, 100, False)  # make_goldens.optimize
    preprocessed = process(audio, True, 3.0, 150, True)  # make_goldens.preprocess
    return analysis, len(optimized), len(preprocessed)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    for _ in range(a.reps):
        for path in a.files:
            t0 = time.perf_counter()
            analysis, opt_ms, pre_ms = chain(path)
            seconds = time.perf_counter() - t0
            print(f"file\t{path}\tseconds\t{seconds:.6f}\tscore\t{analysis['score']}"
                  f"\toptimize_ms\t{opt_ms}\tpreprocess_ms\t{pre_ms}", flush=True)


if __name__ == "__main__":
    main()
