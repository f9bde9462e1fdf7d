package dev.voicegen.xtts;

/**
 * Batched GPT passes over one batch and the KV cache kept between them. Two ways to keep it:
 * {@link HostGptPasses}, today's reference path through the Java API (every past and present
 * tensor is handed over in host memory), and {@link BoundGptPasses}, where the cache stays in the
 * session's device memory through IoBinding and only the last position's logits and hidden state
 * come to Java. Both give the same codes and latents (GptGeneratorBindingTest).
 */
interface GptPasses extends AutoCloseable {
  /**
   * One pass: {@code embeds} {@code [b, seq, dim]} after the cached positions, {@code mask}
   * {@code [b, past + seq]}; writes each row's last position's logits to {@code logits[i*vocab..)}
   * and hidden state to {@code hidden[i*dim..)}. The presents become the next pass's past.
   *
   * @return nanoseconds spent inside ONNX Runtime's run
   */
  long run(float[] embeds, float[] mask, int b, int seq, float[] logits, float[] hidden);

  /** Keeps only the cache rows {@code rows[0..count)} (ascending), in that order. */
  void retain(int[] rows, int count);

  /** {@code [B, heads, S_past, head_dim]} of every past tensor. */
  long[] shape();

  /**
   * Bytes handed between host memory and ONNX Runtime so far: inputs given from host memory and
   * outputs returned to it (on CUDA, each one is a copy over PCIe).
   */
  long hostBytes();

  @Override
  void close();
}
