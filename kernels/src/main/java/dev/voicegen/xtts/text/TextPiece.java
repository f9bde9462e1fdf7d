package dev.voicegen.xtts.text;

import java.util.Arrays;

/**
 * One piece of a row's text, synthesised on its own: the text the tokenizer saw (normalised, and
 * romanised for zh/ja/ko) and its tokens ({@code [lang]} first, no {@code [START]}/{@code [STOP]}),
 * fewer than {@link XttsTokenizer#MAX_TEXT_TOKENS}.
 */
public record TextPiece(String text, int[] tokens) {
  public TextPiece {
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  /** The token count, without copying. */
  public int tokenCount() {
    return tokens.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextPiece other
        && text.equals(other.text)
        && Arrays.equals(tokens, other.tokens);
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + Arrays.hashCode(tokens);
  }

  @Override
  public String toString() {
    return "TextPiece[" + text + ", " + tokens.length + " tokens]";
  }
}
