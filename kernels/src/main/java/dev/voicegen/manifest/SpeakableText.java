package dev.voicegen.manifest;

/**
 * What counts as text an engine can speak, decided here once: a letter or a number of any script
 * (Unicode general categories L and N). Text without one (spaces of any kind, zero-width and
 * other format characters, punctuation, symbols) gives an engine nothing to say; XTTS and espeak-ng
 * both return silence for it.
 */
public final class SpeakableText {
  private SpeakableText() {}

  /** Whether {@code text} holds at least one letter or number. */
  public static boolean isSpeakable(String text) {
    return text.codePoints().anyMatch(SpeakableText::isSpoken);
  }

  /** The length that --maxTextChars limits: Unicode code points, as a reader counts characters. */
  public static long length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static boolean isSpoken(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }
}
