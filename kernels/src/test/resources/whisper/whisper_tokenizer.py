"""tokenizer.json for the Whisper fixture: a byte-level BPE (GPT-2 / Whisper style) with Whisper's
special tokens in Whisper's id order. Used by make_model.py; plain Python, no tokenizers package."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fixture_bpe import train_bpe  # noqa: E402  (in the folder above)

CORPUS = """
the quick brown fox jumps over the lazy dog while the voice of the speaker reads a long sentence
she sells sea shells by the sea shore and the shells she sells are surely sea shells
this is a test of the speech recognition system with some numbers one two three four five
der schnelle braune fuchs springt über den faulen hund und die stimme liest einen langen satz
"""


# --------------------------------------------------------------------------------------------
# tokenizer.json: byte-level BPE (GPT-2 / Whisper style) with Whisper's special tokens
# --------------------------------------------------------------------------------------------

def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character map (openai gpt-2 encoder.py)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def make_tokenizer(base_vocab, langs, num_merges, timestamps):
    """Returns (tokenizer.json dict, special token ids). Ids: base tokens, then Whisper's specials."""
    b2u = bytes_to_unicode()
    words = []
    for i, w in enumerate(CORPUS.split()):
        text = (" " if i > 0 else "") + w
        words.append("".join(b2u[b] for b in text.encode("utf-8")))
    vocab = {}
    for b in range(256):
        vocab[b2u[b]] = len(vocab)
    merges = []
    for a, b in train_bpe(words, num_merges):
        if a + b not in vocab and len(vocab) < base_vocab:
            vocab[a + b] = len(vocab)
            merges.append(a + " " + b)
    n = 0
    while len(vocab) < base_vocab:  # filler tokens (full size only): " w" + letters, never merged to
        s, k = "", n
        while True:
            s, k = chr(ord("a") + k % 26) + s, k // 26
            if k == 0:
                break
        vocab["Ġw" + s] = len(vocab)
        n += 1
    specials = ["<|endoftext|>", "<|startoftranscript|>"] + ["<|%s|>" % l for l in langs] + [
        "<|translate|>", "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nospeech|>", "<|notimestamps|>"]
    ids = {}
    for t in specials:
        ids[t] = len(vocab) + len(ids)
    added = [{"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in specials]
    total = base_vocab + len(specials) + timestamps  # timestamp tokens <|0.00|>.. follow (not in the file)
    tok = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    return tok, ids, total
