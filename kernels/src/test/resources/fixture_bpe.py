"""Plain BPE training for the fixture tokenizers (whisper/whisper_tokenizer.py, xtts/make_model.py):
no tokenizers package, deterministic."""
import collections


def train_bpe(words, num_merges):
    """Repeatedly merges the most frequent adjacent pair (ties broken by the pair's text)."""
    counts = collections.Counter(words)
    seqs = {w: list(w) for w in counts}
    merges = []
    for _ in range(num_merges):
        pairs = collections.Counter()
        for w, n in counts.items():
            s = seqs[w]
            for a, b in zip(s, s[1:]):
                pairs[(a, b)] += n
        if not pairs:
            break
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0][0] + kv[0][1]))[0]
        merges.append(best)
        for w in counts:
            s, out, i = seqs[w], [], 0
            while i < len(s):
                if i + 1 < len(s) and (s[i], s[i + 1]) == best:
                    out.append(s[i] + s[i + 1])
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[w] = out
    return merges
