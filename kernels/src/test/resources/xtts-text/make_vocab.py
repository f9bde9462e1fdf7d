#!/usr/bin/python3
"""Writes vocab.json: a small BPE tokenizer in the layout of XTTS v2's own vocab.json.

The layout follows the real file (Hugging Face `tokenizers` JSON): special tokens [STOP]=0,
[UNK]=1, [SPACE]=2 first, then single characters, then merged tokens, with [START] and the
language tags ([en], [zh-cn], ...) as added tokens; model BPE with [UNK] as unk_token;
pre-tokenizer Whitespace; no normalizer, post-processor or decoder. Only the sizes differ.
The `tokenizers` Python package is not needed: the JSON is written by hand.

Run: /usr/bin/python3 make_vocab.py  (from this directory; rewrites vocab.json)
"""
import json
import os

SPECIAL = ["[STOP]", "[UNK]", "[SPACE]"]
PUNCTUATION = list("!'(),-./:;?")
LETTERS = list("abcdefghijklmnopqrstuvwxyz")
# Accented letters of the Latin-script languages, tone digits of numbered pinyin, CJK punctuation.
EXTRA = list("ßäöüœïêâÿèàëùîçæôûáéíóúñãõśęążćńłźşğıčďěňřšťůýžőű12345，。、")
# Merges in order of priority; each joins two tokens already in the vocabulary.
MERGES = [
    ("t", "h"), ("i", "n"), ("th", "e"), ("a", "n"), ("e", "r"), ("o", "u"), ("r", "e"),
    ("o", "n"), ("a", "t"), ("e", "d"), ("e", "n"), ("t", "o"), ("in", "g"), ("an", "d"),
    ("i", "s"), ("h", "e"), ("s", "t"), ("l", "l"), ("he", "ll"), ("hell", "o"), ("o", "r"),
    ("w", "or"), ("wor", "l"), ("worl", "d"), ("a", "r"), ("o", "f"), ("i", "t"), ("e", "s"),
    ("f", "or"), ("t", "w"), ("tw", "o"), ("v", "e"), ("f", "i"), ("fi", "ve"), ("s", "e"),
    ("ve", "n"), ("se", "ven"), ("c", "h"), ("e", "i"), ("ch", "t"), ("n", "d"), ("u", "nd"),
    ("h", "a"), ("ha", "o"), ("n", "i"), ("y", "ou"), ("p", "o"), ("in", "t"), ("po", "int"),
    ("d", "o"), ("do", "ll"), ("doll", "ar"), ("c", "en"), ("cen", "t"),
]
# Added tokens in the real file's order: language tags interleaved with [START].
LANGUAGES = ["en", "de", "[START]", "fr", "ru", "es", "it", "pt", "cs", "pl", "tr", "nl",
             "ar", "zh-cn", "ja", "hu", "ko", "hi"]


def build():
    vocab = {}

    def add(token):
        if token not in vocab:
            vocab[token] = len(vocab)

    for token in SPECIAL + PUNCTUATION + LETTERS + EXTRA:
        add(token)
    merges = []
    for left, right in MERGES:
        if left not in vocab or right not in vocab:
            raise SystemExit(f"merge {left} {right}: part missing")
        if f"{left} {right}" in merges:
            continue
        merges.append(f"{left} {right}")
        add(left + right)
    added = [token for token in SPECIAL]
    for lang in LANGUAGES:
        token = lang if lang.startswith("[") else f"[{lang}]"
        add(token)
        added.append(token)
    added_tokens = [
        {"id": vocab[t], "special": True, "content": t, "single_word": False,
         "lstrip": False, "rstrip": False, "normalized": False}
        for t in added
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added_tokens,
        "normalizer": None,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": "[UNK]",
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "vocab": vocab,
            "merges": merges,
        },
    }


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocab.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(build(), f, ensure_ascii=False, indent=1)
        f.write("\n")
