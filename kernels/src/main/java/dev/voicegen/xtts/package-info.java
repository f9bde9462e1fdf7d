/**
 * The XTTS v2 engine on ONNX Runtime (specs/xtts-onnx.md): model directory checks, sessions,
 * conditioning, batched GPT code generation with a KV cache (kept in ONNX Runtime's memory between
 * steps by {@code BoundGptPasses}; {@code HostGptPasses} is the reference path), sampling and vocoding. Plain Java,
 * no Beam imports; the text front end lives in {@code dev.voicegen.xtts.text}.
 */
package dev.voicegen.xtts;
