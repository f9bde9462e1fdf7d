#!/usr/bin/python3
"""Builds a random-weight XTTS v2 model directory in the layout of specs/xtts-onnx.md.

The graphs carry the tensor names of the public export (pltobing/XTTSv2-Streaming-ONNX), so the
Java engine runs on this directory exactly as on a real download; only the weights are noise.

    /usr/bin/python3 make_model.py --tiny               # -> ./tiny (committed, ~2 MB)
    /usr/bin/python3 make_model.py --full /tmp/xtts-full  # 30 x 1024, 379 M params, benchmarks only
    /usr/bin/python3 make_model.py --tiny --fixed-batch   # -> ./variants/fixed-batch (3 graphs)
    /usr/bin/python3 make_model.py --tiny --ignore-mask   # -> ./variants/ignore-mask (gpt_model.onnx)

The two variants are what the engine's batching probe must catch (XttsModel load): the same
weights, exported with the batch axis fixed at 1, or with a GPT that ignores attention_mask. Only
the graphs a variant changes are written; tests lay them over a copy of ./tiny.

Needs Debian python3-torch (1.13) and python3-onnx; no network. Deterministic (fixed seeds).
"""
import argparse
import inspect
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fixture_bpe import train_bpe  # noqa: E402  (in the folder above)

NUM_AUDIO_TOKENS = 1026  # XTTS v2: 1024 VQ codes + start + stop (Coqui gpt.py)
START_AUDIO = 1024
STOP_AUDIO = 1025
PERCEIVER_LEN = 32  # Coqui perceiver resampler output length
MEL_POS_ROWS = 608  # XTTS v2 max_mel_tokens 605 + 3 (export's mel_pos_embedding.npy)
TEXT_POS_ROWS = 404  # XTTS v2 max_text_tokens 402 + 2
SAMPLES_PER_FRAME = 1024  # fixture vocoder: 16 * 8 * 8 upsampling (real HiFi-GAN ~1114.6 at 24 kHz)
LANGS = ["en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh-cn", "hu", "ko", "ja", "hi"]

CORPUS = """
the quick brown fox jumps over the lazy dog while the voice of the speaker reads a long sentence
she sells sea shells by the sea shore and the shells she sells are surely sea shells
this is a test of the speech synthesis system with a cloned voice and some numbers one two three
four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million
der schnelle braune fuchs springt über den faulen hund und die stimme liest einen langen satz
das ist ein test der sprachsynthese mit einer geklonten stimme und einigen zahlen eins zwei drei
le renard brun rapide saute par dessus le chien paresseux et la voix lit une longue phrase
el zorro marrón rápido salta sobre el perro perezoso y la voz lee una frase larga
questo è un test della sintesi vocale con una voce clonata e alcuni numeri uno due tre
"""


# ---------------------------------------------------------------------------------------------
# vocab.json: a real Hugging Face tokenizers BPE file (same shape as XTTS v2's vocab.json)
# ---------------------------------------------------------------------------------------------

def make_vocab(num_merges):
    words = CORPUS.split()
    specials = ["[STOP]", "[UNK]", "[SPACE]"]  # ids 0, 1, 2 as in XTTS v2's vocab.json
    vocab = {}
    for t in specials:
        vocab[t] = len(vocab)
    chars = sorted({c for w in words for c in w} | set("abcdefghijklmnopqrstuvwxyz0123456789.,!?'-"))
    for c in chars:
        vocab[c] = len(vocab)
    merges = train_bpe(words, num_merges)
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    for lang in LANGS:
        vocab["[" + lang + "]"] = len(vocab)
    vocab["[START]"] = len(vocab)
    added = [t for t in specials] + ["[" + l + "]" for l in LANGS] + ["[START]"]
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True} for t in added],
        "normalizer": None,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "BPE", "dropout": None, "unk_token": "[UNK]", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "vocab": vocab,
                  "merges": [a + " " + b for a, b in merges]},
    }
    return tok, len(vocab)


# ---------------------------------------------------------------------------------------------
# Graphs
# ---------------------------------------------------------------------------------------------

class Block(nn.Module):
    """A GPT-2 block (pre-norm attention + MLP) with an explicit past key/value cache."""

    def __init__(self, d, heads):
        super().__init__()
        self.heads, self.hd = heads, d // heads
        self.ln_1, self.ln_2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.c_attn, self.c_proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.proj = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def forward(self, x, bias, past_k, past_v):
        b, s, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        q, k, v = [t.reshape(b, s, self.heads, self.hd).transpose(1, 2) for t in (q, k, v)]
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        att = torch.softmax(q @ k.transpose(-1, -2) / (self.hd ** 0.5) + bias, dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, s, d)
        x = x + self.c_proj(y)
        x = x + self.proj(F.gelu(self.fc(self.ln_2(x))))
        return x, k, v


class Gpt(nn.Module):
    """GPT-2 decoder as exported: no internal positions (Coqui nulls wpe), final norm, mel head.

    Fixture only: logits[..., STOP] += stop_gain * inputs_embeds[..., 0]; the mel_pos table puts a
    ramp in column 0, so STOP becomes likely a few steps after code `stop_after` (see README).
    """

    def __init__(self, layers, d, heads, stop_gain, ignore_mask=False):
        super().__init__()
        self.ignore_mask = ignore_mask
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, NUM_AUDIO_TOKENS)
        onehot = torch.zeros(NUM_AUDIO_TOKENS)
        onehot[STOP_AUDIO] = stop_gain
        self.register_buffer("stop_onehot", onehot)

    def forward(self, inputs_embeds, attention_mask, *past):
        s = inputs_embeds.shape[1]
        s_past = past[0].shape[2]
        q_pos = torch.arange(s, device=inputs_embeds.device).unsqueeze(1) + s_past
        k_pos = torch.arange(s_past + s, device=inputs_embeds.device).unsqueeze(0)
        causal = (k_pos <= q_pos).to(torch.float32)
        # --ignore-mask: the padding term is multiplied by 0, so the input stays in the graph but
        # left-padded rows attend to their padding (what the batching probe must catch)
        pad_scale = 0.0 if self.ignore_mask else -1e9
        bias = (1.0 - causal) * -1e9 + ((1.0 - attention_mask) * pad_scale)[:, None, None, :]
        x, presents = inputs_embeds, []
        for i, blk in enumerate(self.blocks):
            x, k, v = blk(x, bias, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        hidden = self.ln_f(x)
        logits = self.head(hidden) + inputs_embeds[..., 0:1] * self.stop_onehot
        return (logits, hidden, *presents)


class ConditioningEncoder(nn.Module):
    """mel [B,80,T] -> conv -> 32 learned queries attend over frames (perceiver-shaped) -> [B,32,D]."""

    def __init__(self, d):
        super().__init__()
        self.conv = nn.Conv1d(80, d, 3, padding=1)
        self.queries = nn.Parameter(torch.randn(PERCEIVER_LEN, d) * 0.5)
        self.out = nn.Linear(d, d)

    def forward(self, mel_spectrogram):
        h = F.gelu(self.conv(mel_spectrogram)).transpose(1, 2)  # [B,T,D]
        att = torch.softmax(self.queries @ h.transpose(1, 2) / h.shape[-1] ** 0.5, dim=-1)  # [B,32,T]
        return self.out(att @ h)


class SpeakerEncoder(nn.Module):
    """mel [B,64,T] (linear power) -> log, conv, mean over time, L2-normalised [B,512,1] (H/ASP-shaped)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(64, 128, 3, padding=1)
        self.fc = nn.Linear(128, 512)

    def forward(self, mel_spec):
        h = F.relu(self.conv(torch.log(mel_spec + 1e-6))).mean(dim=2)
        return F.normalize(self.fc(h), dim=1).unsqueeze(-1)


class Vocoder(nn.Module):
    """latents [B,T,D] + speaker [B,512,1] -> [B,1,T*1024]; the k=5 pre-conv mixes neighbouring
    frames like HiFi-GAN does, so padding a short row changes its last samples (hence cropping)."""

    def __init__(self, d):
        super().__init__()
        self.pre = nn.Conv1d(d, 32, 5, padding=2)
        self.cond = nn.Conv1d(512, 32, 1)
        self.up = nn.ModuleList([nn.ConvTranspose1d(32, 16, 16, 16), nn.ConvTranspose1d(16, 8, 8, 8),
                                 nn.ConvTranspose1d(8, 1, 8, 8)])

    def forward(self, latents, speaker_embedding):
        x = self.pre(latents.transpose(1, 2)) + self.cond(speaker_embedding)
        for i, up in enumerate(self.up):
            x = up(F.leaky_relu(x, 0.1))
        return torch.tanh(x)


# ---------------------------------------------------------------------------------------------

def export(module, args, path, inputs, outputs, axes):
    module.eval()
    # the TorchScript exporter, which made the committed fixtures; torch 2.9 and later default to the
    # dynamo one (other graphs, other names), so ask for it where torch knows the choice
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs,
                          dynamic_axes=axes, opset_version=17, do_constant_folding=True, **legacy)


def save_npy(path, arr):
    np.save(path, np.ascontiguousarray(arr, dtype="<f4"))


def build(out, layers, d, heads, num_merges, stop_after, stop_gain, seed, fixed_batch=False, ignore_mask=False):
    """Writes the model directory; with a variant flag, only the graphs that flag changes."""
    variant = fixed_batch or ignore_mask
    changed = set()
    if fixed_batch:
        changed |= {"conditioning_encoder.onnx", "gpt_model.onnx", "hifigan_vocoder.onnx"}
    if ignore_mask:
        changed.add("gpt_model.onnx")

    def wanted(name):
        return not variant or name in changed

    def batch_axis(axes):
        # --fixed-batch: drop every batch axis, as an export traced and saved at batch 1
        return {n: {k: v for k, v in a.items() if not (fixed_batch and v == "batch")} for n, a in axes.items()}

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    os.makedirs(out if variant else os.path.join(out, "embeddings"), exist_ok=True)
    hd = d // heads

    tok, vocab_size = make_vocab(num_merges)
    if wanted("vocab.json"):
        with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(tok, f, ensure_ascii=False, indent=1)

    gpt = Gpt(layers, d, heads, stop_gain, ignore_mask)
    for p in gpt.parameters():  # GPT-2 initialisation (std 0.02)
        if p.dim() > 1:
            nn.init.normal_(p, std=0.02)
    # Logit std ~1.6 at any width (0.2 * sqrt(64)): peaked enough to be non-uniform, and the same
    # STOP ramp gives the same stopping lengths for --tiny and --full.
    nn.init.normal_(gpt.head.weight, std=0.2 * (64 / d) ** 0.5)
    b, s, sp = 2, 3, 2
    past = []
    for i in range(layers):
        past += [torch.randn(b, heads, sp, hd), torch.randn(b, heads, sp, hd)]
    in_names = ["inputs_embeds", "attention_mask"] + [n for i in range(layers) for n in (f"past_key_{i}", f"past_value_{i}")]
    out_names = ["logits", "hidden_states"] + [n for i in range(layers) for n in (f"present_key_{i}", f"present_value_{i}")]
    axes = {"inputs_embeds": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total_seq"},
            "logits": {0: "batch", 1: "seq"}, "hidden_states": {0: "batch", 1: "seq"}}
    for i in range(layers):
        for n in (f"past_key_{i}", f"past_value_{i}"):
            axes[n] = {0: "batch", 2: "past_seq"}
        for n in (f"present_key_{i}", f"present_value_{i}"):
            axes[n] = {0: "batch", 2: "total_seq"}
    # the same random draws in every variant (so the weights made after them match), cut to batch 1
    # when the batch is fixed
    example = (torch.randn(b, s, d), torch.ones(b, sp + s), *past)
    if fixed_batch:
        example = tuple(t[:1] for t in example)
    if wanted("gpt_model.onnx"):
        export(gpt, example, os.path.join(out, "gpt_model.onnx"), in_names, out_names, batch_axis(axes))

    cond_enc = ConditioningEncoder(d)
    cond_example = (torch.randn(1, 80, 50),)
    if wanted("conditioning_encoder.onnx"):
        export(cond_enc, cond_example, os.path.join(out, "conditioning_encoder.onnx"), ["mel_spectrogram"],
               ["cond_latents"], batch_axis({"mel_spectrogram": {0: "batch", 2: "frames"}, "cond_latents": {0: "batch"}}))
    spk_enc = SpeakerEncoder()
    spk_example = (torch.rand(1, 64, 50),)
    if wanted("speaker_encoder.onnx"):  # the engine runs it one reference at a time: never fixed
        export(spk_enc, spk_example, os.path.join(out, "speaker_encoder.onnx"), ["mel_spec"], ["speaker_embedding"],
               {"mel_spec": {0: "batch", 2: "frames"}, "speaker_embedding": {0: "batch"}})
    vocoder = Vocoder(d)
    voc_example = (torch.randn(1, 7, d), torch.randn(1, 512, 1))
    if wanted("hifigan_vocoder.onnx"):
        export(vocoder, voc_example, os.path.join(out, "hifigan_vocoder.onnx"), ["latents", "speaker_embedding"],
               ["waveform"], batch_axis({"latents": {0: "batch", 1: "frames"}, "speaker_embedding": {0: "batch"},
                                         "waveform": {0: "batch", 2: "samples"}}))
    if variant:
        print(f"wrote {sorted(changed)} into {out}", file=sys.stderr)
        return

    emb = os.path.join(out, "embeddings")
    mel = rng.normal(0, 0.5, (NUM_AUDIO_TOKENS, d))
    mel[:, 0] = 0.0  # column 0 carries only the fixture's STOP ramp (from mel_pos)
    mel_pos = rng.normal(0, 0.1, (MEL_POS_ROWS, d))
    # Ramp: STOP logit gains stop_gain * clip(0.1 * (k - stop_after), -3, 3) at mel position k.
    mel_pos[:, 0] = np.clip(0.1 * (np.arange(MEL_POS_ROWS) - stop_after), -3.0, 3.0)
    save_npy(os.path.join(emb, "mel_embedding.npy"), mel)
    save_npy(os.path.join(emb, "text_embedding.npy"), rng.normal(0, 0.5, (vocab_size, d)))
    save_npy(os.path.join(emb, "mel_pos_embedding.npy"), mel_pos)
    save_npy(os.path.join(emb, "text_pos_embedding.npy"), rng.normal(0, 0.1, (TEXT_POS_ROWS, d)))
    save_npy(os.path.join(out, "mel_stats.npy"), rng.uniform(2.0, 6.0, 80))

    meta = {
        "files": {"conditioning_encoder": "conditioning_encoder.onnx", "speaker_encoder": "speaker_encoder.onnx",
                  "gpt_model": "gpt_model.onnx", "hifigan_vocoder": "hifigan_vocoder.onnx"},
        "n_layer": layers, "embed_dim": d, "num_heads": heads, "head_dim": hd,
        "num_audio_tokens": NUM_AUDIO_TOKENS, "start_audio_token": START_AUDIO, "stop_audio_token": STOP_AUDIO,
        "perceiver_output_len": PERCEIVER_LEN,
        "fixture": {"seed": seed, "stop_after": stop_after, "stop_gain": stop_gain,
                    "samples_per_frame": SAMPLES_PER_FRAME, "sample_rate": 24000},
    }
    with open(os.path.join(out, "metadata.json"), "w") as f:
        json.dump(meta, f, indent=2)
    n = sum(p.numel() for p in gpt.parameters())
    print(f"wrote {out}: GPT {layers} x {d}, {n / 1e6:.1f} M params, vocab {vocab_size}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--tiny", action="store_true", help="2 layers x 64 wide, 4 heads x 16 (the committed fixture)")
    size.add_argument("--full", metavar="OUT_DIR", help="30 layers x 1024, 16 heads (XTTS v2 size, ~1.5 GB): benchmarks only")
    ap.add_argument("--out", help="output directory for --tiny (default: tiny/ next to this script)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--stop-after", type=int, default=24, help="mel position where the STOP ramp crosses zero")
    ap.add_argument("--stop-gain", type=float, default=3.0, help="STOP logit per unit of the ramp (max +-3 units)")
    ap.add_argument("--fixed-batch", action="store_true",
                    help="variant: the graphs the engine batches exported with batch fixed at 1 (only those written)")
    ap.add_argument("--ignore-mask", action="store_true",
                    help="variant: a GPT that ignores attention_mask zeros (only gpt_model.onnx written)")
    a = ap.parse_args()
    variant = "-".join(n for n, on in (("fixed-batch", a.fixed_batch), ("ignore-mask", a.ignore_mask)) if on)
    flags = dict(fixed_batch=a.fixed_batch, ignore_mask=a.ignore_mask)
    if a.tiny:
        here = os.path.dirname(os.path.abspath(__file__))
        out = a.out or (os.path.join(here, "variants", variant) if variant else os.path.join(here, "tiny"))
        build(out, 2, 64, 4, 250, a.stop_after, a.stop_gain, a.seed, **flags)
    else:
        build(a.full, 30, 1024, 16, 250, a.stop_after, a.stop_gain, a.seed, **flags)


if __name__ == "__main__":
    main()
