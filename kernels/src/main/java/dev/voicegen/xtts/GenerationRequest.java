package dev.voicegen.xtts;

/**
 * One row to generate: the speaker's conditioning latents {@code [32][D]}, the BPE ids of one text
 * piece without {@code [START]}/{@code [STOP]} (the generator adds them), and the row's seed.
 */
public record GenerationRequest(float[][] condLatents, int[] textTokens, long seed) {
  public GenerationRequest {
    if (condLatents == null || condLatents.length == 0) {
      throw new IllegalArgumentException("no conditioning latents");
    }
    if (textTokens == null) {
      throw new IllegalArgumentException("no text tokens");
    }
  }
}
