package dev.voicegen.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSuppressionTest {
  /** 10 tokens: 0..5 text, 6 <|endoftext|>, 7 start, 8 <|en|>, 9 <|notimestamps|>. */
  private static final WhisperConfig CONFIG = new WhisperConfig(64, 1, 1, 80, 10, 448, 6, 7, 7, 9,
      Map.of("en", 8), new int[] {2}, new int[] {3, 6});

  private static float[] peak(int token, int second) {
    float[] l = new float[10];
    l[token] = 10f;
    l[second] = 5f;
    return l;
  }

  @Test
  void suppressedTokenNeverWinsEvenWithTheLargestLogit() {
    TokenSuppression s = new TokenSuppression(CONFIG, false);
    assertEquals(4, s.argmax(peak(2, 4), 0, true));
    assertEquals(4, s.argmax(peak(2, 4), 0, false));
  }

  @Test
  void beginSuppressionOnlyAtTheFirstStep() {
    TokenSuppression s = new TokenSuppression(CONFIG, false);
    assertEquals(1, s.argmax(peak(3, 1), 0, true));
    assertEquals(3, s.argmax(peak(3, 1), 0, false));
    assertEquals(1, s.argmax(peak(6, 1), 0, true)); // no <|endoftext|> as the first token
    assertEquals(6, s.argmax(peak(6, 1), 0, false));
  }

  @Test
  void specialTokensAfterEndOfTextAreAlwaysSuppressed() {
    TokenSuppression s = new TokenSuppression(CONFIG, false);
    for (int special = 7; special < 10; special++) {
      assertEquals(5, s.argmax(peak(special, 5), 0, false));
    }
  }

  @Test
  void fixedStepsSuppressEndOfText() {
    TokenSuppression s = new TokenSuppression(CONFIG, true);
    assertEquals(0, s.argmax(peak(6, 0), 0, false));
  }

  @Test
  void readsTheRowAtItsOffsetAndBreaksTiesByLowestId() {
    TokenSuppression s = new TokenSuppression(CONFIG, false);
    float[] two = new float[20];
    two[10 + 5] = 1f;
    two[10 + 4] = 1f;
    two[1] = 9f;
    assertEquals(4, s.argmax(two, 10, false));
  }
}
