"""Coqui's VoiceBpeTokenizer.encode (TTS/tts/layers/xtts/tokenizer.py) for the texts of the parity
goldens, without the tokenizers package: the Hugging Face BPE model of a vocab.json (added tokens
matched first, Whitespace pre-tokenizer, merges applied lowest rank first, unknown chars -> [UNK]).
Only the cleaners those texts need (English: lowercase, integers spelled out with num2words,
whitespace collapsed) are implemented."""
import json
import re

from num2words import num2words

WHITESPACE_PRE_TOKENIZER = re.compile(r"\w+|[^\w\s]+")  # tokenizers' Whitespace pre-tokenizer


def clean_english(text):
    """multilingual_cleaners for en, as far as the golden texts need it."""
    text = text.replace('"', "").lower()
    text = re.sub(r"[0-9]+", lambda m: num2words(int(m.group(0)), lang="en"), text)
    return re.sub(r"\s+", " ", text).strip()


class Bpe:
    def __init__(self, vocab_json):
        with open(vocab_json, encoding="utf-8") as f:
            tok = json.load(f)
        self.vocab = tok["model"]["vocab"]
        self.unk = self.vocab[tok["model"]["unk_token"]]
        self.ranks = {tuple(m.split(" ")): i for i, m in enumerate(tok["model"]["merges"])}
        added = sorted((a["content"] for a in tok["added_tokens"]), key=len, reverse=True)
        self.added = {a["content"]: a["id"] for a in tok["added_tokens"]}
        self.split_added = re.compile("(" + "|".join(re.escape(a) for a in added) + ")")

    def word(self, w):
        parts = list(w)
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), None), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            pairs = [p for p in pairs if p[0] is not None]
            if not pairs:
                break
            best = min(pairs)[0]
            merged, i = [], 0
            while i < len(parts):
                if i + 1 < len(parts) and self.ranks.get((parts[i], parts[i + 1])) == best:
                    merged.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        return [self.vocab.get(p, self.unk) for p in parts]

    def encode_raw(self, text):
        ids = []
        for segment in self.split_added.split(text):
            if not segment:
                continue
            if segment in self.added:
                ids.append(self.added[segment])
                continue
            for w in WHITESPACE_PRE_TOKENIZER.findall(segment):
                ids += self.word(w)
        return ids

    def encode(self, text, lang):
        """VoiceBpeTokenizer.encode: clean, prefix [lang], spaces to [SPACE], BPE."""
        assert lang == "en", "only the English cleaners are implemented"
        return self.encode_raw("[" + lang + "]" + clean_english(text).replace(" ", "[SPACE]"))
