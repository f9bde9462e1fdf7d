#!/usr/bin/python3
"""Builds a random-weight Whisper model directory in the Hugging Face ONNX layout (specs/whisper-onnx.md).

    /usr/bin/python3 make_model.py --tiny                 # -> ./tiny (committed, ~2.7 MB)
    /usr/bin/python3 make_model.py --full /tmp/whisper-base  # whisper-base shape, benchmarks only
    /usr/bin/python3 make_model.py --full /tmp/whisper-base --quantized  # plus onnx/*_quantized.onnx

onnx/decoder_model_merged.onnx is built as Optimum builds it: a decoder without past and a decoder
with past are exported separately, then joined under one `If` on `use_cache_branch`, with the
shared weights hoisted into the outer graph. Needs Debian python3-torch (1.13) and python3-onnx.
Deterministic (fixed seeds).
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper, numpy_helper, TensorProto

sys.dont_write_bytecode = True  # no __pycache__ among the test resources
from whisper_tokenizer import make_tokenizer  # noqa: E402  (beside this script)

N_MELS = 80  # Whisper (all but large-v3)
N_FRAMES = 3000  # whisper/audio.py N_FRAMES: 30 s at hop 160
N_AUDIO_CTX = 1500  # whisper n_audio_ctx: N_FRAMES after the stride-2 conv
N_TEXT_CTX = 448  # whisper n_text_ctx, generation_config max_length
HEAD_DIM = 64  # every Whisper size has 64-wide heads
# Whisper's 99 languages in token order (openai whisper tokenizer.py LANGUAGES).
LANGS_99 = ("en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr "
            "bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn "
            "yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su").split()


# --------------------------------------------------------------------------------------------
# Graphs
# --------------------------------------------------------------------------------------------

def sinusoids(length, channels):
    """whisper/model.py sinusoids: the encoder's fixed positional embedding."""
    inc = np.log(10000) / (channels // 2 - 1)
    inv = torch.exp(-inc * torch.arange(channels // 2))
    t = torch.arange(length)[:, None] * inv[None, :]
    return torch.cat([torch.sin(t), torch.cos(t)], dim=1)


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.h = heads
        self.q, self.k, self.v, self.o = nn.Linear(d, d), nn.Linear(d, d, bias=False), nn.Linear(d, d), nn.Linear(d, d)

    def split(self, x):  # [B,T,D] -> [B,H,T,64]
        return x.reshape(x.shape[0], x.shape[1], self.h, HEAD_DIM).transpose(1, 2)

    def kv(self, x):
        return self.split(self.k(x)), self.split(self.v(x))

    def attend(self, x, k, v, bias=None):
        q = self.split(self.q(x))
        a = q @ k.transpose(-1, -2) / HEAD_DIM ** 0.5
        if bias is not None:
            a = a + bias
        y = (torch.softmax(a, dim=-1) @ v).transpose(1, 2)
        return self.o(y.reshape(y.shape[0], y.shape[1], -1))


class EncoderLayer(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.attn = Attention(d, heads)
        self.fc1, self.fc2 = nn.Linear(d, ffn), nn.Linear(ffn, d)

    def forward(self, x):
        h = self.ln1(x)
        k, v = self.attn.kv(h)
        x = x + self.attn.attend(h, k, v)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


class Encoder(nn.Module):
    """Whisper's AudioEncoder: two convs (the second with stride 2), sinusoids, pre-norm blocks."""

    def __init__(self, d, heads, layers, ffn):
        super().__init__()
        self.conv1 = nn.Conv1d(N_MELS, d, 3, padding=1)
        self.conv2 = nn.Conv1d(d, d, 3, stride=2, padding=1)
        self.d = d
        self.layers = nn.ModuleList([EncoderLayer(d, heads, ffn) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(d)

    def forward(self, input_features):
        x = F.gelu(self.conv2(F.gelu(self.conv1(input_features)))).transpose(1, 2)
        x = x + sinusoids(x.shape[1], self.d)  # traced from the shape: ops, not a 768 KB constant
        for layer in self.layers:
            x = layer(x)
        return self.ln_post(x)


class DecoderLayer(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.self_attn, self.cross_attn = Attention(d, heads), Attention(d, heads)
        self.fc1, self.fc2 = nn.Linear(d, ffn), nn.Linear(ffn, d)

    def forward(self, x, bias, past_k, past_v, cross_k, cross_v):
        h = self.ln1(x)
        k, v = self.self_attn.kv(h)
        k, v = torch.cat([past_k, k], dim=2), torch.cat([past_v, v], dim=2)
        x = x + self.self_attn.attend(h, k, v, bias)
        x = x + self.cross_attn.attend(self.ln2(x), cross_k, cross_v)
        return x + self.fc2(F.gelu(self.fc1(self.ln3(x)))), k, v


class Decoder(nn.Module):
    """Whisper's TextDecoder with tied output embedding. Fixture only: the <|endoftext|> logit gets
    eot_slope * (position - eot_at - eot_spread * s), s in (-1, 1) from the first cross keys, so
    the step at which a row stops depends on its audio (README)."""

    def __init__(self, d, heads, layers, ffn, vocab, eot, eot_slope, eot_at, eot_spread, untied):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.randn(N_TEXT_CTX, d) * 0.02)
        self.layers = nn.ModuleList([DecoderLayer(d, heads, ffn) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False) if untied else None
        onehot = torch.zeros(vocab)
        onehot[eot] = 1.0
        self.register_buffer("eot_onehot", onehot)
        self.eot_slope, self.eot_at, self.eot_spread = eot_slope, eot_at, eot_spread

    def cross(self, enc):
        out = []
        for layer in self.layers:
            out += list(layer.cross_attn.kv(enc))
        return out

    def forward(self, input_ids, past, cross):
        s = input_ids.shape[1]
        p = past[0].shape[2]
        positions = torch.arange(s) + p
        q_pos = positions.unsqueeze(1)
        k_pos = torch.arange(p + s).unsqueeze(0)
        bias = (k_pos > q_pos).to(torch.float32) * -1e9
        x = self.embed(input_ids) + self.pos[positions]
        presents = []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, bias, past[2 * i], past[2 * i + 1], cross[2 * i], cross[2 * i + 1])
            presents += [k, v]
        logits = self.head(self.ln(x)) if self.head is not None else self.ln(x) @ self.embed.weight.t()
        if self.eot_slope:
            spread = torch.tanh(cross[0][:, 0, :, 0].mean(dim=1) * 20.0)[:, None, None]  # [B,1,1]: head 0, channel 0
            ramp = self.eot_slope * (positions.to(torch.float32)[None, :, None] - self.eot_at - self.eot_spread * spread)
            logits = logits + ramp * self.eot_onehot
        return logits, presents


class DecoderBranch(nn.Module):
    """One branch of the merged decoder; outputs logits then present.{i}.decoder/encoder key/value."""

    def __init__(self, decoder, with_past):
        super().__init__()
        self.d, self.with_past = decoder, with_past

    def forward(self, input_ids, encoder_hidden_states, *past):
        n = len(self.d.layers)
        dec = [past[4 * i + j] for i in range(n) for j in (0, 1)]
        cross = [past[4 * i + j] for i in range(n) for j in (2, 3)] if self.with_past else self.d.cross(encoder_hidden_states)
        logits, presents = self.d(input_ids, dec, cross)
        out = [logits]
        for i in range(n):
            out += [presents[2 * i], presents[2 * i + 1], cross[2 * i], cross[2 * i + 1]]
        return tuple(out)


def past_names(n):
    return ["past_key_values.%d.%s.%s" % (i, kind, kv) for i in range(n) for kind in ("decoder", "encoder") for kv in ("key", "value")]


def present_names(n):
    return ["present.%d.%s.%s" % (i, kind, kv) for i in range(n) for kind in ("decoder", "encoder") for kv in ("key", "value")]


def export(module, args, inputs, outputs, axes, path, fold=True):
    with torch.no_grad():
        torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=axes,
                          opset_version=17, do_constant_folding=fold)
    return onnx.load(path)


def export_decoder_branch(decoder, with_past, n, heads, d, tmp):
    b = 2
    ids = torch.zeros(b, 3, dtype=torch.long)
    enc = torch.randn(b, N_AUDIO_CTX, d)
    past = []
    for i in range(n):
        past += [torch.randn(b, heads, 5, HEAD_DIM), torch.randn(b, heads, 5, HEAD_DIM)]
        past += [torch.randn(b, heads, N_AUDIO_CTX, HEAD_DIM)] * 2
    inputs = ["input_ids", "encoder_hidden_states"] + past_names(n)
    outputs = ["logits"] + present_names(n)
    axes = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
            "encoder_hidden_states": {0: "batch_size"}, "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    for name in past_names(n) + present_names(n):
        axes[name] = {0: "batch_size", 2: ("encoder_sequence_length_out" if ".encoder." in name
                                           else ("past_decoder_sequence_length" if name.startswith("past")
                                                 else "past_decoder_sequence_length + 1"))}
    path = os.path.join(tmp, "branch%d.onnx" % with_past)
    # No constant folding: the weights keep their parameter names, so both branches share them.
    return export(DecoderBranch(decoder, with_past), (ids, enc, *past), inputs, outputs, axes, path, fold=False)


def merge_branches(no_past, with_past, n):
    """Optimum-style merge: one graph, If(use_cache_branch) then=with past, else=without past."""
    outer_inputs = list(no_past.graph.input)
    by_name = {i.name: i for i in outer_inputs}
    for i in with_past.graph.input:  # the no-past branch may have dropped the unused encoder past
        if i.name not in by_name:
            outer_inputs.append(i)
            by_name[i.name] = i
    ordered = [by_name["input_ids"], by_name["encoder_hidden_states"]] + [by_name[p] for p in past_names(n)]
    shared, digest_name = [], {}

    def to_branch(model, prefix, empty_encoder_presents):
        g = model.graph
        rename = {}
        for init in g.initializer:  # hoist weights, deduplicated by content
            key = hashlib.sha256(init.SerializeToString().replace(init.name.encode(), b"")).hexdigest()
            if key not in digest_name:
                digest_name[key] = "w%d_%s" % (len(digest_name), init.name.replace("/", "_"))
                t = onnx.TensorProto()
                t.CopyFrom(init)
                t.name = digest_name[key]
                shared.append(t)
            rename[init.name] = digest_name[key]
        outer = set(by_name)

        def nm(x):
            if x == "" or x in outer:
                return x
            return rename.get(x, prefix + x)

        nodes = []
        for node in g.node:
            m = onnx.NodeProto()
            m.CopyFrom(node)
            m.name = prefix + node.name
            del m.input[:]
            m.input.extend(nm(x) for x in node.input)
            del m.output[:]
            m.output.extend(nm(x) for x in node.output)
            nodes.append(m)
        outs = []
        for o in g.output:
            dst = prefix + "out_" + o.name
            if empty_encoder_presents and ".encoder." in o.name:
                # Optimum's _unify_onnx_outputs(strict=False): the with-past branch returns an empty
                # [0, H, 1, 64] constant; callers keep the encoder past of the first step.
                heads = o.type.tensor_type.shape.dim[1].dim_value
                empty = helper.make_tensor("empty", TensorProto.FLOAT, [0, heads, 1, HEAD_DIM], [])
                nodes.append(helper.make_node("Constant", [], [dst], name=prefix + "const_" + o.name, value=empty))
            else:
                nodes.append(helper.make_node("Identity", [nm(o.name)], [dst], name=prefix + "id_" + o.name))
            vi = onnx.ValueInfoProto()
            vi.CopyFrom(o)
            vi.name = dst
            outs.append(vi)
        return helper.make_graph(nodes, prefix + "graph", [], outs)

    then_g = to_branch(with_past, "cached/", True)
    else_g = to_branch(no_past, "uncached/", False)
    names = [o.name for o in with_past.graph.output]
    cond = helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1])
    if_node = helper.make_node("If", ["use_cache_branch"], names, name="optimum::if", then_branch=then_g, else_branch=else_g)
    graph = helper.make_graph([if_node], "merged_decoder", ordered + [cond], list(with_past.graph.output), shared)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def build(out, d, heads, enc_layers, dec_layers, ffn, base_vocab, langs, merges, timestamps, eot_ramp, seed):
    torch.manual_seed(seed)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    tok, ids, vocab = make_tokenizer(base_vocab, langs, merges, timestamps)
    eot, sot = ids["<|endoftext|>"], ids["<|startoftranscript|>"]
    encoder = Encoder(d, heads, enc_layers, ffn).eval()
    slope, at, spread = eot_ramp
    untied = slope != 0.0
    decoder = Decoder(d, heads, dec_layers, ffn, vocab, eot, slope, at, spread, untied).eval()
    if untied:
        with torch.no_grad():  # tiny: no tied-embedding echo of the last token; sharper cross-attention
            decoder.head.weight.normal_(0.0, 2.0 / d ** 0.5)
            encoder.conv1.weight.mul_(6.0)  # audio, not the sinusoids, dominates the encoder output
            encoder.conv2.weight.mul_(3.0)
            for layer in decoder.layers:
                layer.cross_attn.q.weight.mul_(16.0)
                layer.cross_attn.v.weight.mul_(4.0)
    with tempfile.TemporaryDirectory() as tmp:
        enc = export(encoder, (torch.randn(1, N_MELS, N_FRAMES),), ["input_features"], ["last_hidden_state"],
                     {"input_features": {0: "batch_size"}, "last_hidden_state": {0: "batch_size"}},
                     os.path.join(tmp, "enc.onnx"), fold=False)  # sinusoids as ops: 768 KB less
        onnx.save(enc, os.path.join(out, "onnx", "encoder_model.onnx"))
        merged = merge_branches(export_decoder_branch(decoder, False, dec_layers, heads, d, tmp),
                                export_decoder_branch(decoder, True, dec_layers, heads, d, tmp), dec_layers)
    onnx.save(merged, os.path.join(out, "onnx", "decoder_model_merged.onnx"))
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, indent=None, separators=(",", ":"))
    lang_to_id = {"<|%s|>" % l: ids["<|%s|>" % l] for l in langs}
    config = {"model_type": "whisper", "architectures": ["WhisperForConditionalGeneration"], "d_model": d,
              "encoder_layers": enc_layers, "decoder_layers": dec_layers, "encoder_attention_heads": heads,
              "decoder_attention_heads": heads, "encoder_ffn_dim": ffn, "decoder_ffn_dim": ffn,
              "num_mel_bins": N_MELS, "max_source_positions": N_AUDIO_CTX, "max_target_positions": N_TEXT_CTX,
              "vocab_size": vocab, "eos_token_id": eot, "pad_token_id": eot, "bos_token_id": eot,
              "decoder_start_token_id": sot}
    # Ordinary tokens suppressed as Whisper's suppress_tokens are (punctuation-like ids); the
    # begin list is [" ", <|endoftext|>] as in every Whisper generation_config.json.
    space = tok["model"]["vocab"]["Ġ"]
    suppress = [tok["model"]["vocab"][c] for c in ["\"", "#", "(", ")", "*", "+", "/", ":", ";", "<", "=", ">", "@", "[", "]"]]
    gen = {"decoder_start_token_id": sot, "eos_token_id": eot, "pad_token_id": eot, "bos_token_id": eot,
           "max_length": N_TEXT_CTX, "lang_to_id": lang_to_id,
           "task_to_id": {"translate": ids["<|translate|>"], "transcribe": ids["<|transcribe|>"]},
           "no_timestamps_token_id": ids["<|notimestamps|>"], "is_multilingual": True,
           "suppress_tokens": sorted(suppress), "begin_suppress_tokens": [space, eot]}
    for name, obj in (("config.json", config), ("generation_config.json", gen)):
        with open(os.path.join(out, name), "w") as f:
            json.dump(obj, f, indent=2)
            f.write("\n")
    print("wrote", out, "vocab", vocab, "eot", eot, "sot", sot)


# --------------------------------------------------------------------------------------------
# Quantized variants (onnx/*_quantized.onnx)
# --------------------------------------------------------------------------------------------

def _weight(name, inits, producers):
    """(initializer name, transposed?) when a MatMul's B is a 2-D initializer or a Transpose of one."""
    if name in inits and len(inits[name].dims) == 2:
        return name, False
    p = producers.get(name)
    if p is not None and p.op_type == "Transpose" and p.input[0] in inits and len(inits[p.input[0]].dims) == 2:
        perm = [list(a.ints) for a in p.attribute if a.name == "perm"]
        if not perm or perm[0] == [1, 0]:
            return p.input[0], True
    return None


def _used_names(graph, acc):
    for n in graph.node:
        acc.update(n.input)
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                _used_names(a.g, acc)
    acc.update(o.name for o in graph.output)
    return acc


def _prune(graph, used):
    keep = [n for n in graph.node if n.op_type == "If" or any(o in used for o in n.output)]
    for n in keep:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                _prune(a.g, used)
    del graph.node[:]
    graph.node.extend(keep)


def quantize_dynamic(model):
    """Dynamic int8 quantization of every MatMul by a weight, the way ONNX Runtime's quantize_dynamic
    writes it: DynamicQuantizeLinear(x) -> MatMulInteger(x_q, w_q) -> Cast -> * (x_scale * w_scale),
    weights symmetric int8 per tensor. Activation-by-activation MatMuls (attention) stay float."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    quantized = {}

    def rewrite(graph, prefix):
        producers = {o: n for n in graph.node for o in n.output}
        nodes = []
        for n in graph.node:
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    rewrite(a.g, prefix + n.name + "/")
            w = _weight(n.input[1], inits, producers) if n.op_type == "MatMul" else None
            if w is None:
                nodes.append(n)
                continue
            if w not in quantized:
                a = numpy_helper.to_array(inits[w[0]])
                a = a.T if w[1] else a
                scale = max(float(np.abs(a).max()) / 127.0, 1e-12)
                base = "quant%d" % len(quantized)
                quantized[w] = (base + "_w", base + "_scale", base + "_zero")
                g.initializer.extend([
                    numpy_helper.from_array(np.clip(np.round(a / scale), -127, 127).astype(np.int8), base + "_w"),
                    numpy_helper.from_array(np.array(scale, np.float32), base + "_scale"),
                    numpy_helper.from_array(np.array(0, np.int8), base + "_zero")])
            wq, ws, wz = quantized[w]
            p = prefix + n.name + "/quant"
            nodes += [
                helper.make_node("DynamicQuantizeLinear", [n.input[0]], [p + "_x", p + "_xs", p + "_xz"], name=p + "_x"),
                helper.make_node("MatMulInteger", [p + "_x", wq, p + "_xz", wz], [p + "_i"], name=p + "_matmul"),
                helper.make_node("Cast", [p + "_i"], [p + "_f"], name=p + "_cast", to=TensorProto.FLOAT),
                helper.make_node("Mul", [p + "_xs", ws], [p + "_s"], name=p + "_scales"),
                helper.make_node("Mul", [p + "_f", p + "_s"], [n.output[0]], name=p + "_scaled")]
        del graph.node[:]
        graph.node.extend(nodes)

    rewrite(g, "")
    for _ in range(2):  # the float weights' Transposes, then the weights nobody reads any more
        _prune(g, _used_names(g, set()))
        used = _used_names(g, set())
        kept = [i for i in g.initializer if i.name in used]
        del g.initializer[:]
        g.initializer.extend(kept)
    return model, len(quantized)


def write_quantized(out):
    for name in ("encoder_model", "decoder_model_merged"):
        model, n = quantize_dynamic(onnx.load(os.path.join(out, "onnx", name + ".onnx")))
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(out, "onnx", name + "_quantized.onnx"))
        print("wrote", name + "_quantized.onnx", n, "int8 weights")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tiny", action="store_true", help="tiny fixture (default out: ./tiny)")
    p.add_argument("--full", metavar="OUT", help="whisper-base shape (6+6 x 512, 8 heads, 51865 tokens)")
    p.add_argument("--out", help="output directory for --tiny")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--quantized", action="store_true",
                   help="also write onnx/*_quantized.onnx (dynamic int8 MatMul weights, as quantize_dynamic does)")
    a = p.parse_args()
    if a.full:
        build(a.full, 512, 8, 6, 6, 2048, 50257, LANGS_99, 400, 1501, (0.0, 0.0, 0.0), a.seed)
        if a.quantized:
            write_quantized(a.full)
    elif a.tiny:
        out = a.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny")
        # 128 wide = two 64-wide heads; 12 languages; <|endoftext|> ramps up from position ~8 +- 4.
        build(out, 128, 2, 1, 2, 128, 320, LANGS_99[:12], 64, 0, (1.5, 8.0, 6.0), a.seed)
        if a.quantized:
            write_quantized(out)
    else:
        p.error("give --tiny or --full OUT")


if __name__ == "__main__":
    main()
