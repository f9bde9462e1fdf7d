package dev.voicegen.xtts;

/**
 * A row's result. {@code codes} includes the STOP code when {@code stopped} (as Coqui's gpt_codes
 * do); {@code latents[i]} is the final-norm hidden state at the position that produced
 * {@code codes[i]}, so {@code latents.length == codes.length} and the STOP step's latent is kept
 * (the vocoder input, specs/xtts-onnx.md step 6). {@code steps} counts the GPT passes that produced
 * this row's codes (prefill included), which equals {@code codes.length}.
 */
public record GeneratedCodes(int[] codes, float[][] latents, boolean stopped, int steps) {}
