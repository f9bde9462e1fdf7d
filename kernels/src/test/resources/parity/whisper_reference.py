"""An independent reference of Whisper's greedy transcription (openai-whisper's audio.py and
decoding.py, as Hugging Face's generate also runs it) on the Whisper fixture's PyTorch modules,
rebuilt as ../whisper/make_model.py --tiny builds them and checked against the committed ONNX
initializers. No ONNX Runtime; no KV cache: every step runs the decoder on the whole token sequence.

- features: log_mel_spectrogram of the clip padded with zeros to 30 s (pad_or_trim): |STFT|^2 with
  n_fft 400, hop 160, periodic Hann, centred (reflect), last frame dropped; librosa's Slaney mel
  filters (written out below); log10(max(x, 1e-10)); max(x, max - 8); (x + 4) / 4.
- language detection (detect_language): logits of <|startoftranscript|> alone, every non-language
  token masked, argmax.
- decoding: prompt <|startoftranscript|> <|lang|> <|transcribe|> <|notimestamps|>; greedy argmax
  with SuppressTokens (generation_config suppress_tokens plus the task/start/previous/lm/no-speech
  specials, decoding.py _get_suppress_tokens) and SuppressBlank at the first step
  (begin_suppress_tokens: " " and <|endoftext|>); stop at <|endoftext|> or max_length.

Deviation, on purpose, following the engine (TokenSuppression): openai-whisper's text-only decoding
leaves the language tokens and <|notimestamps|> unsuppressed, so a model may emit them mid-text;
the engine suppresses every token after <|endoftext|>, and so does this reference. It matters on
the fixture: under openai's rule clip a's detected-language decode emits <|notimestamps|> (id 339)
at its 11th token (see README.md).
"""
import json
import os
import sys

import numpy as np
import torch

import xtts_reference  # noqa: F401  (read_pcm16)

HERE = os.path.dirname(os.path.abspath(__file__))
make_model = xtts_reference.load_fixture_script("whisper")  # the fixture's own classes

N_SAMPLES = 480000  # whisper/audio.py: 30 s at 16 kHz
N_FFT = 400  # whisper/audio.py N_FFT
HOP = 160  # whisper/audio.py HOP_LENGTH
SAMPLE_RATE = 16000
CLIPS = ["a", "b"]  # the XTTS parity voices' 16 kHz clips


def slaney_mel_filters(sr, n_fft, n_mels):
    """librosa.filters.mel(sr, n_fft, n_mels, htk=False, norm='slaney'), as whisper's mel_filters.npz."""
    def hz_to_mel(f):
        f = np.asanyarray(f, dtype=np.float64)
        f_sp, min_log_hz, logstep = 200.0 / 3, 1000.0, np.log(6.4) / 27.0
        mel = f / f_sp
        return np.where(f >= min_log_hz, min_log_hz / f_sp + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mel)

    def mel_to_hz(m):
        f_sp, min_log_hz, logstep = 200.0 / 3, 1000.0, np.log(6.4) / 27.0
        min_log_mel = min_log_hz / f_sp
        return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)

    fft_freqs = np.linspace(0, sr / 2, 1 + n_fft // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(sr / 2), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    return weights * (2.0 / (mel_f[2: n_mels + 2] - mel_f[:n_mels]))[:, None]


def log_mel(audio, n_mels):
    x = torch.from_numpy(np.pad(audio[:N_SAMPLES], (0, max(0, N_SAMPLES - len(audio)))))
    stft = torch.stft(x, N_FFT, HOP, window=torch.hann_window(N_FFT, dtype=torch.float64), return_complex=True)
    power = stft[..., :-1].abs() ** 2
    mel = torch.from_numpy(slaney_mel_filters(SAMPLE_RATE, N_FFT, n_mels)) @ power
    log_spec = torch.clamp(mel, min=1e-10).log10()
    log_spec = torch.maximum(log_spec, log_spec.max() - 8.0)
    return ((log_spec + 4.0) / 4.0).numpy().astype(np.float32)


def rebuild(model_dir):
    """make_model.build(out, 128, 2, 1, 2, 128, 320, LANGS_99[:12], 64, 0, (1.5, 8.0, 6.0), 1234)'s modules."""
    torch.manual_seed(1234)
    make_model.make_tokenizer(320, make_model.LANGS_99[:12], 64, 0)
    encoder = make_model.Encoder(128, 2, 1, 128).eval()
    with open(os.path.join(model_dir, "generation_config.json")) as f:
        eot = json.load(f)["eos_token_id"]
    decoder = make_model.Decoder(128, 2, 2, 128, 340, eot, 1.5, 8.0, 6.0, True).eval()
    with torch.no_grad():
        decoder.head.weight.normal_(0.0, 2.0 / 128 ** 0.5)
        encoder.conv1.weight.mul_(6.0)
        encoder.conv2.weight.mul_(3.0)
        for layer in decoder.layers:
            layer.cross_attn.q.weight.mul_(16.0)
            layer.cross_attn.v.weight.mul_(4.0)
    import onnx
    from onnx import numpy_helper
    for module, name in ((encoder, "encoder_model"), (decoder, "decoder_model_merged")):
        inits = [numpy_helper.to_array(t) for t in onnx.load(os.path.join(model_dir, "onnx", name + ".onnx")).graph.initializer]
        for key, tensor in module.state_dict().items():
            a = tensor.numpy()
            if key != "eot_onehot" and not any(x.shape in (a.shape, a.T.shape) and
                                               (np.array_equal(x, a) or np.array_equal(x, a.T)) for x in inits):
                raise SystemExit(f"{name}.onnx has no initializer equal to {key}: the rebuild drifted")
    return encoder, decoder


class Whisper:
    def __init__(self, model_dir):
        self.encoder, self.decoder = rebuild(model_dir)
        with open(os.path.join(model_dir, "generation_config.json")) as f:
            self.gen = json.load(f)
        with open(os.path.join(model_dir, "config.json")) as f:
            self.config = json.load(f)
        with open(os.path.join(model_dir, "tokenizer.json"), encoding="utf-8") as f:
            self.tok = json.load(f)
        added = {a["content"]: a["id"] for a in self.tok["added_tokens"]}
        self.sot, self.eot = self.gen["decoder_start_token_id"], self.gen["eos_token_id"]
        self.languages = sorted(self.gen["lang_to_id"].values())
        self.suppress = set(self.gen["suppress_tokens"])
        self.suppress |= {added[t] for t in ("<|transcribe|>", "<|translate|>", "<|startoftranscript|>",
                                             "<|startofprev|>", "<|startoflm|>", "<|nospeech|>") if t in added}
        self.begin_suppress = set(self.gen["begin_suppress_tokens"])
        self.openai_suppress = set(self.suppress)
        self.suppress |= set(range(self.eot + 1, self.config["vocab_size"]))  # the engine's rule, see above

    def encode(self, mel):
        with torch.no_grad():
            return self.encoder(torch.from_numpy(mel)[None])

    def logits(self, enc, tokens):
        """The last position's logits of one uncached decoder pass over the whole sequence."""
        layers = len(self.decoder.layers)
        heads = self.decoder.layers[0].self_attn.h
        past = [torch.zeros(1, heads, 0, make_model.HEAD_DIM)] * (2 * layers)
        with torch.no_grad():
            logits, _ = self.decoder(torch.tensor([tokens]), past, self.decoder.cross(enc))
        return logits[0, -1].numpy()

    def detect_language(self, enc):
        logits = self.logits(enc, [self.sot])
        return max(self.languages, key=lambda i: (logits[i], -i))

    def transcribe(self, enc, language):
        prompt = [self.sot, language, self.gen["task_to_id"]["transcribe"], self.gen["no_timestamps_token_id"]]
        tokens = []
        while len(prompt) + len(tokens) < self.gen["max_length"]:
            logits = self.logits(enc, prompt + tokens).astype(np.float64)
            banned = self.suppress | (self.begin_suppress if not tokens else set())
            logits[sorted(banned)] = -np.inf
            token = int(np.argmax(logits))  # first maximum: lowest id on ties
            if token == self.eot:
                return tokens, True
            tokens.append(token)
        return tokens, False


def make(out, here):
    model_dir = os.path.join(here, "..", "whisper", "tiny")
    ref = Whisper(model_dir)
    os.makedirs(out, exist_ok=True)
    golden = {"clips": []}
    for voice in CLIPS:
        clip = f"voice_{voice}_16k.flac"
        audio = xtts_reference.read_pcm16(os.path.join(here, "voices", clip))
        mel = log_mel(audio, ref.config["num_mel_bins"])
        # Past the audio (+ the STFT's reach) every frame is the floor max - 8: keep the frames before.
        frames = len(audio) // HOP + 3
        floor = mel[0, -1]
        assert np.all(mel[:, frames:] == floor), "padding frames are not all at the floor"
        np.save(os.path.join(out, f"log_mel_{voice}.npy"), np.ascontiguousarray(mel[:, :frames], dtype="<f4"))
        enc = ref.encode(mel)
        detected = ref.detect_language(enc)
        entry = {"clip": clip, "log_mel": f"log_mel_{voice}.npy", "log_mel_floor": float(floor),
                 "detected_language": detected, "decodes": []}
        code = {i: t[2:-2] for t, i in ref.gen["lang_to_id"].items()}
        entry["detected_language"] = code[detected]
        for given in (None, "en", "de"):
            language = detected if given is None else ref.gen["lang_to_id"]["<|" + given + "|>"]
            tokens, stopped = ref.transcribe(enc, language)
            entry["decodes"].append({"language_given": given, "language": code[language], "tokens": tokens,
                                     "stopped": stopped})
        golden["clips"].append(entry)
        print(clip, "detected", detected, [len(d["tokens"]) for d in entry["decodes"]], file=sys.stderr)
    with open(os.path.join(out, "goldens.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
