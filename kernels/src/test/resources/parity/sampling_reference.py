"""The sampling step of XTTS's HF generate call, written from Hugging Face's logits processors
(RepetitionPenaltyLogitsProcessor, TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper)
as Coqui's gpt.generate uses them (do_sample=True), plus the seeded uniform stream.

Deviation from Coqui, on purpose: HF ends with torch.multinomial over softmax(scores), whose draws
cannot be reproduced outside torch. The engine instead draws one uniform u in [0, 1) per step from
the row's java.util.SplittableRandom (SplitMix64, seeded with the row's seed) and takes the
inverse CDF over the surviving ids in descending logit order (ties: lower id first). This file
implements that stream and that draw independently, so sampled codes can match exactly.
"""
import numpy as np

MASK64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15  # SplitMix64 increment (Steele, Lea, Flood 2014; java.util.SplittableRandom)


class SplitMix64:
    """java.util.SplittableRandom(seed): nextLong = mix64(seed += gamma); nextDouble = top 53 bits."""

    def __init__(self, seed):
        self.seed = seed & MASK64

    def next_long(self):
        self.seed = (self.seed + GOLDEN_GAMMA) & MASK64
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64  # Stafford's "mix13" constants
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53


def repetition_penalty(scores, history, penalty):
    """RepetitionPenaltyLogitsProcessor: every id in the history (the prompt ids included) has a
    negative score multiplied and a positive one divided by the penalty (CTRL)."""
    ids = np.array(sorted(set(history)), dtype=np.int64)
    s = scores[ids]
    scores[ids] = np.where(s < 0, s * np.float32(penalty), s / np.float32(penalty)).astype(np.float32)
    return scores


def temperature(scores, t):
    return (scores / np.float32(t)).astype(np.float32)


def top_k(scores, k):
    """TopKLogitsWarper: ids below the k-th largest score become -inf (ties with it survive);
    generate adds no such warper for top_k 0."""
    if k == 0:
        return scores
    k = min(k, scores.shape[0])
    kth = np.sort(scores)[::-1][k - 1]
    out = scores.copy()
    out[scores < kth] = -np.inf
    return out


def top_p(scores, p):
    """TopPLogitsWarper: sorted ascending, ids whose cumulative probability is <= 1 - p are removed;
    the most probable id always stays. Equivalently: in descending order an id stays while the mass
    before it is below p. generate adds no such warper for top_p 1."""
    if p >= 1.0:
        return scores
    order = np.argsort(scores, kind="stable")  # ascending
    probs = softmax64(scores[order])
    cumulative = np.cumsum(probs)
    remove = cumulative <= (1.0 - p)
    remove[-1] = False
    out = scores.copy()
    out[order[remove]] = -np.inf
    return out


def softmax64(x):
    x = x.astype(np.float64)
    finite = np.isfinite(x)
    m = x[finite].max()
    e = np.where(finite, np.exp(x - m), 0.0)
    return e / e.sum()


def draw(scores, u):
    """The documented replacement of torch.multinomial: inverse CDF of softmax(scores) over the
    finite ids, in descending score order, ties by ascending id."""
    ids = [i for i in range(scores.shape[0]) if np.isfinite(scores[i])]
    ids.sort(key=lambda i: (-float(scores[i]), i))
    w = np.exp(np.array([float(scores[i]) for i in ids]) - float(scores[ids[0]]))
    target = u * w.sum()
    acc = 0.0
    for i, wi in zip(ids, w):
        acc += wi
        if target < acc:
            return i
    return ids[-1]


def sample(logits, history, params, rng):
    """One step, in HF's order: penalty (a processor), then the warpers temperature, top-k, top-p."""
    s = np.array(logits, dtype=np.float32, copy=True)
    s = repetition_penalty(s, history, params["repetition_penalty"])
    s = temperature(s, params["temperature"])
    s = top_k(s, params["top_k"])
    s = top_p(s, params["top_p"])
    return draw(s, rng.next_double())
