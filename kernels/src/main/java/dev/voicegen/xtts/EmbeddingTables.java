package dev.voicegen.xtts;

/**
 * The export's embedding tables, row-major {@code [rows, dim]} in flat arrays so that building a
 * prefix or a step input is a plain array copy (no boxing, no per-row objects).
 */
public final class EmbeddingTables {
  private final int dim;
  private final float[] mel;
  private final float[] text;
  private final float[] melPos;
  private final float[] textPos;

  EmbeddingTables(int dim, float[] mel, float[] text, float[] melPos, float[] textPos) {
    this.dim = dim;
    this.mel = mel;
    this.text = text;
    this.melPos = melPos;
    this.textPos = textPos;
  }

  public int dim() {
    return dim;
  }

  public int melPositions() {
    return melPos.length / dim;
  }

  public int textPositions() {
    return textPos.length / dim;
  }

  /** dst[off..off+dim) = mel_emb[code] + mel_pos[pos]. */
  public void melInput(int code, int pos, float[] dst, int off) {
    sum(mel, code, melPos, pos, dst, off);
  }

  /** dst[off..off+dim) = text_emb[token] + text_pos[pos]. */
  public void textInput(int token, int pos, float[] dst, int off) {
    sum(text, token, textPos, pos, dst, off);
  }

  private void sum(float[] a, int row, float[] b, int pos, float[] dst, int off) {
    int ao = row * dim;
    int bo = pos * dim;
    for (int i = 0; i < dim; i++) {
      dst[off + i] = a[ao + i] + b[bo + i];
    }
  }
}
