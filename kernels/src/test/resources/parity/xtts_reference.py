"""An independent reference of Coqui's XTTS v2 inference (TTS/tts/models/xtts.py, layers/xtts/gpt.py,
gpt_inference.py) on the test fixture's PyTorch modules: no ONNX Runtime anywhere.

The modules are rebuilt as ../xtts/make_model.py builds them (same classes, same seed, the same
sequence of draws from torch's generator) and checked, tensor by tensor, against the initializers
of the committed ONNX files, so the goldens are torch's outputs of the very weights the engine runs.

What follows Coqui (and where it deliberately does not):
- conditioning: Xtts.get_gpt_cond_latents (perceiver branch): 4-s chunks of the 22050 Hz reference,
  chunks under 0.33 s skipped, wav_to_mel_cloning per chunk, encoder outputs averaged.
- speaker: the ResNet speaker encoder's front end (pre-emphasis, 64-band torchaudio mel at 16 kHz).
  Coqui reaches 16 kHz by resampling the 22050 Hz load; the engine resamples the source directly,
  which for a 16 kHz reference is no resampling at all, so this reference reads the 16 kHz clip.
  Resampling is left out of the parity: the 22050 Hz clip is made once with sox and read by both.
- generation: GPT.compute_embeddings + HF generate as GPT2InferenceModel runs it, but uncached: every
  step runs the whole sequence again (the engine's KV cache must give the same numbers). The
  repetition history starts with the prompt's placeholder ids (1 for every prefix position, then
  start_audio_token 1024), as HF sees gpt_inputs. The sampling step is sampling_reference.py.
- latents: Xtts.inference's second, teacher-forced pass GPT.forward(..., return_latent=True): mel
  inputs [START, codes, STOP x 4] (set_mel_padding, the appended stop token), last 5 dropped; so
  one latent per code, the STOP code's included.
- waveform: the fixture vocoder on those latents and the speaker embedding.
"""
import importlib.util
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))


def load_fixture_script(fixture):
    """../<fixture>/make_model.py as a module of its own name (both fixtures call it make_model)."""
    folder = os.path.join(HERE, "..", fixture)
    sys.path.insert(0, folder)  # for its own imports beside it (whisper_tokenizer)
    spec = importlib.util.spec_from_file_location(fixture + "_make_model", os.path.join(folder, "make_model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_model = load_fixture_script("xtts")  # the fixture's own classes

COND_RATE = 22050  # xtts.py: wav_to_mel_cloning sample_rate
SPEAKER_RATE = 16000  # speaker_encoder_audio_config sample_rate
CHUNK_SECONDS = 4  # gpt_cond_chunk_len
MAX_REF_SECONDS = 30  # gpt_cond_len / max_ref_length
MIN_CHUNK_SECONDS = 0.33  # get_gpt_cond_latents: shorter chunks are ignored
MAX_GEN_MEL_TOKENS = 602  # gpt.py: max_mel_tokens 605 - 3
CODE_TAIL = 5  # gpt.py forward(return_latent=True): mel_logits[:, :-5]


def read_pcm16(path):
    """A 16-bit mono file's samples / 32768 (exact in float64), decoded by sox."""
    raw = subprocess.run(["sox", path, "-t", "raw", "-e", "signed", "-b", "16", "-L", "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


def rebuild_modules(meta):
    """make_model.build's modules, replaying its draws from torch's generator in order."""
    layers, d, heads = meta["n_layer"], meta["embed_dim"], meta["num_heads"]
    fixture = meta["fixture"]
    torch.manual_seed(fixture["seed"])
    gpt = make_model.Gpt(layers, d, heads, fixture["stop_gain"])
    for p in gpt.parameters():
        if p.dim() > 1:
            nn.init.normal_(p, std=0.02)
    nn.init.normal_(gpt.head.weight, std=0.2 * (64 / d) ** 0.5)
    for _ in range(2 * layers):  # the example past fed to the GPT export
        torch.randn(2, heads, 2, d // heads)
    torch.randn(2, 3, d)  # its example inputs_embeds
    cond = make_model.ConditioningEncoder(d)
    torch.randn(1, 80, 50)  # its example mel
    speaker = make_model.SpeakerEncoder()
    torch.rand(1, 64, 50)
    vocoder = make_model.Vocoder(d)
    return {"gpt_model": gpt.eval(), "conditioning_encoder": cond.eval(),
            "speaker_encoder": speaker.eval(), "hifigan_vocoder": vocoder.eval()}


def check_against_onnx(modules, model_dir):
    """Every tensor of every module equals an initializer of its ONNX file (or its transpose)."""
    import onnx
    from onnx import numpy_helper
    for name, module in modules.items():
        graph = onnx.load(os.path.join(model_dir, name + ".onnx")).graph
        inits = [numpy_helper.to_array(t) for t in graph.initializer]
        for key, tensor in module.state_dict().items():
            a = tensor.numpy()
            if not any(np.array_equal(x, a) or (a.ndim == 2 and np.array_equal(x, a.T)) for x in inits):
                raise SystemExit(f"{name}.onnx has no initializer equal to {key}: the rebuild drifted")


class Xtts:
    def __init__(self, model_dir, meta):
        self.meta = meta
        self.modules = rebuild_modules(meta)
        check_against_onnx(self.modules, model_dir)
        emb = os.path.join(model_dir, "embeddings")
        self.mel_emb = np.load(os.path.join(emb, "mel_embedding.npy"))
        self.text_emb = np.load(os.path.join(emb, "text_embedding.npy"))
        self.mel_pos = np.load(os.path.join(emb, "mel_pos_embedding.npy"))
        self.text_pos = np.load(os.path.join(emb, "text_pos_embedding.npy"))
        self.mel_stats = np.load(os.path.join(model_dir, "mel_stats.npy")).astype(np.float64)
        self.start, self.stop = meta["start_audio_token"], meta["stop_audio_token"]

    # -- conditioning ---------------------------------------------------------------------------

    def cond_mel(self, audio):
        """wav_to_mel_cloning: torchaudio MelSpectrogram (slaney-normalised HTK bands), log, / mel_stats."""
        spec = torchaudio.transforms.MelSpectrogram(
            sample_rate=COND_RATE, n_fft=2048, hop_length=256, win_length=1024, power=2, normalized=False,
            f_min=0, f_max=8000, n_mels=80, norm="slaney").to(torch.float64)
        mel = spec(torch.from_numpy(audio)[None])
        mel = torch.log(torch.clamp(mel, min=1e-5))
        return (mel / torch.from_numpy(self.mel_stats)[None, :, None])[0].numpy().astype(np.float32)

    def cond_chunks(self, audio):
        audio = audio[: COND_RATE * MAX_REF_SECONDS]
        step = COND_RATE * CHUNK_SECONDS
        return [self.cond_mel(audio[i: i + step]) for i in range(0, len(audio), step)
                if len(audio[i: i + step]) >= COND_RATE * MIN_CHUNK_SECONDS]

    def cond_latents(self, chunk_mels):
        with torch.no_grad():
            outs = [self.modules["conditioning_encoder"](torch.from_numpy(m)[None]) for m in chunk_mels]
        return torch.stack(outs).mean(dim=0)[0].numpy()

    def speaker_mel(self, audio):
        x = F.pad(torch.from_numpy(audio)[None, None], (1, 0), "reflect")  # PreEmphasis
        x = F.conv1d(x, torch.tensor([[[-0.97, 1.0]]], dtype=torch.float64))[:, 0]
        spec = torchaudio.transforms.MelSpectrogram(
            sample_rate=SPEAKER_RATE, n_fft=512, win_length=400, hop_length=160,
            window_fn=torch.hamming_window, n_mels=64).to(torch.float64)
        return spec(x)[0].numpy().astype(np.float32)

    def speaker_embedding(self, mel):
        with torch.no_grad():
            return self.modules["speaker_encoder"](torch.from_numpy(mel)[None])[0, :, 0].numpy()

    # -- GPT --------------------------------------------------------------------------------------

    def forward(self, embeds):
        """One uncached pass (batch 1, mask all ones): (logits [S,V], hidden [S,D])."""
        layers, heads, d = self.meta["n_layer"], self.meta["num_heads"], self.meta["embed_dim"]
        past = [torch.zeros(1, heads, 0, d // heads)] * (2 * layers)
        x = torch.from_numpy(np.ascontiguousarray(embeds, dtype=np.float32))[None]
        with torch.no_grad():
            out = self.modules["gpt_model"](x, torch.ones(1, x.shape[1]), *past)
        return out[0][0].numpy(), out[1][0].numpy()

    def text_part(self, text_ids, start_text, stop_text):
        """compute_embeddings: [START] text [STOP], text_emb + text_pos(0..)."""
        ids = [start_text] + list(text_ids) + [stop_text]
        return np.stack([self.text_emb[t] + self.text_pos[i] for i, t in enumerate(ids)])

    def generate(self, cond, text_ids, start_text, stop_text, params, rng, sample):
        prefix = np.concatenate([cond, self.text_part(text_ids, start_text, stop_text)])
        history = [1] * len(prefix) + [self.start]  # gpt_inputs: placeholder ids, then start_audio_token
        seq = [self.mel_emb[self.start] + self.mel_pos[0]]
        codes = []
        while len(codes) < min(params["max_codes"], MAX_GEN_MEL_TOKENS):
            logits, _ = self.forward(np.concatenate([prefix, np.stack(seq)]))
            code = sample(logits[-1], history, params, rng)
            codes.append(code)
            history.append(code)
            if code == self.stop:
                break
            # GPT2InferenceModel: position = attention_mask length - (prefix_len + 1) = len(codes)
            seq.append(self.mel_emb[code] + self.mel_pos[len(codes)])
        return codes

    def latents(self, cond, text_ids, start_text, stop_text, codes):
        """GPT.forward(return_latent=True) on the generated codes (one latent per code)."""
        mel_ids = [self.start] + list(codes) + [self.stop] * 4
        mel = np.stack([self.mel_emb[c] + self.mel_pos[i] for i, c in enumerate(mel_ids)])
        text = self.text_part(text_ids, start_text, stop_text)
        _, hidden = self.forward(np.concatenate([cond, text, mel]))
        return hidden[len(cond) + len(text):][:-CODE_TAIL]

    def waveform(self, latents, speaker):
        with torch.no_grad():
            wav = self.modules["hifigan_vocoder"](torch.from_numpy(latents)[None],
                                                  torch.from_numpy(speaker)[None, :, None])
        return wav[0, 0].numpy()
