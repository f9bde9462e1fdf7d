#!/usr/bin/python3
"""Writes the parity goldens that XttsParityTest and WhisperParityTest compare the Java engines to.

    /usr/bin/python3 make_parity_goldens.py                  # rewrites ./xtts and ./whisper
    /usr/bin/python3 make_parity_goldens.py --make-clips ../../../../../../shared/data/voices

The references (xtts_reference.py, whisper_reference.py) run the fixtures' PyTorch modules, rebuilt
from ../xtts/make_model.py and ../whisper/make_model.py and checked against the committed ONNX
files' initializers; ONNX Runtime is not involved. Needs Debian python3-torch (1.13),
python3-torchaudio, python3-onnx, python3-num2words, and sox. Deterministic: same bytes each run.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bpe_reference  # noqa: E402
import sampling_reference  # noqa: E402
import xtts_reference  # noqa: E402

MASK64 = (1 << 64) - 1
JOB_SEED = 2026  # any job seed: the rows' seeds derive from it and the row ids

# Two LibriSpeech voices (CC BY 4.0, see README.md): the source clip, and the seconds kept.
CLIPS = {"a": ("ls_1688_1688-142285-0000.flac", 4.5),  # 4.5 s: a 4-s chunk and a 0.5-s one
         "b": ("ls_2033_2033-164914-0000.flac", 2.5)}
ROWS = [  # id, voice, text: different voices and text lengths, so a batch pads and masks
    ("parity-a", "a", "The quick brown fox jumps over the lazy dog."),
    ("parity-b", "b", "She sells 21 sea shells by the sea shore, surely!"),
]
MODES = {  # greedy is top-k 1; sampled is XTTS v2's defaults (Coqui XttsConfig); unfiltered draws
    # over all 1026 ids, so every penalised id, the prompt's placeholders {1, 1024} too, moves the draws
    "greedy": {"temperature": 0.75, "top_k": 1, "top_p": 0.85, "repetition_penalty": 10.0, "max_codes": 602},
    "sampled": {"temperature": 0.75, "top_k": 50, "top_p": 0.85, "repetition_penalty": 10.0, "max_codes": 602},
    "unfiltered": {"temperature": 1.0, "top_k": 0, "top_p": 1.0, "repetition_penalty": 10.0, "max_codes": 602},
}


def clip_path(voice, rate):
    return os.path.join(HERE, "voices", f"voice_{voice}_{rate // 1000}k.flac")


def make_clips(voices_dir):
    """Cuts the references with sox: 16 kHz as recorded, and 22050 Hz for the conditioning path."""
    os.makedirs(os.path.join(HERE, "voices"), exist_ok=True)
    for voice, (name, seconds) in CLIPS.items():
        src = os.path.join(voices_dir, name)
        subprocess.run(["sox", "-D", src, clip_path(voice, 16000), "trim", "0", str(seconds)], check=True)
        subprocess.run(["sox", "-D", src, "-r", "22050", clip_path(voice, 22050), "trim", "0", str(seconds)],
                       check=True)


def row_seed(job_seed, row_id):
    """XttsEngine.rowSeed: FNV-style mixing of the row id into the job seed (two's complement)."""
    h = (job_seed * 0x9E3779B97F4A7C15) & MASK64
    for ch in row_id:
        h = ((h ^ ord(ch)) * 0x100000001B3) & MASK64
    return h ^ (h >> 31)


def signed(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def save(out, name, array):
    np.save(os.path.join(out, name), np.ascontiguousarray(array, dtype="<f4"))


def make_xtts(out):
    model_dir = os.path.join(HERE, "..", "xtts", "tiny")
    with open(os.path.join(model_dir, "metadata.json")) as f:
        meta = json.load(f)
    ref = xtts_reference.Xtts(model_dir, meta)
    bpe = bpe_reference.Bpe(os.path.join(model_dir, "vocab.json"))
    start_text, stop_text = bpe.vocab["[START]"], bpe.vocab["[STOP]"]
    os.makedirs(out, exist_ok=True)
    golden = {"job_seed": JOB_SEED, "modes": MODES, "voices": {}, "rows": []}
    voices = {}
    for voice in CLIPS:
        mels = ref.cond_chunks(xtts_reference.read_pcm16(clip_path(voice, 22050)))
        cond = ref.cond_latents(mels)
        speaker = ref.speaker_embedding(ref.speaker_mel(xtts_reference.read_pcm16(clip_path(voice, 16000))))
        voices[voice] = (cond, speaker)
        for i, m in enumerate(mels):
            save(out, f"cond_mel_{voice}_{i}.npy", m)
        save(out, f"cond_latents_{voice}.npy", cond)
        save(out, f"speaker_{voice}.npy", speaker)
        golden["voices"][voice] = {"clip_16k": os.path.basename(clip_path(voice, 16000)),
                                   "clip_22k": os.path.basename(clip_path(voice, 22050)), "chunks": len(mels)}
    for row_id, voice, text in ROWS:
        cond, speaker = voices[voice]
        ids = bpe.encode(text, "en")
        seed = row_seed(JOB_SEED, row_id)
        row = {"id": row_id, "voice": voice, "text": text, "language": "en", "bpe_ids": ids,
               "seed": signed(seed), "codes": {}}
        for mode, params in MODES.items():
            rng = sampling_reference.SplitMix64(seed)  # piece 0 of the row: seed + 0
            codes = ref.generate(cond, ids, start_text, stop_text, params, rng, sampling_reference.sample)
            latents = ref.latents(cond, ids, start_text, stop_text, codes)
            row["codes"][mode] = codes
            save(out, f"latents_{row_id}_{mode}.npy", latents)
            if mode == "sampled" and voice == "a":
                save(out, f"waveform_{row_id}_{mode}.npy", ref.waveform(latents, speaker))
                row["waveform"] = f"waveform_{row_id}_{mode}.npy"
        golden["rows"].append(row)
    with open(os.path.join(out, "goldens.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    for r in golden["rows"]:
        print(r["id"], {m: len(c) for m, c in r["codes"].items()}, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--make-clips", metavar="VOICES_DIR", help="first cut voices/*.flac from the LibriSpeech clips")
    ap.add_argument("--only", choices=["xtts", "whisper"])
    a = ap.parse_args()
    if a.make_clips:
        make_clips(a.make_clips)
    if a.only in (None, "xtts"):
        make_xtts(os.path.join(HERE, "xtts"))
    if a.only in (None, "whisper"):
        import whisper_reference  # noqa: E402
        whisper_reference.make(os.path.join(HERE, "whisper"), HERE)


if __name__ == "__main__":
    main()
