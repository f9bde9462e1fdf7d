package dev.voicegen.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorRatesTest {
  @Test
  void kittenSitting() {
    assertEquals(3.0 / 6, ErrorRates.cer("kitten", "sitting"), 1e-12); // k->s, e->i, +g
    assertEquals(3.0 / 7, ErrorRates.cer("sitting", "kitten"), 1e-12);
    assertEquals(1.0, ErrorRates.wer("kitten", "sitting"), 1e-12);
  }

  @Test
  void wordErrorsCountSubstitutionsDeletionsAndInsertions() {
    assertEquals(2.0 / 6, ErrorRates.wer("the cat sat on the mat", "the cat sit on mat"), 1e-12);
    assertEquals(1.0 / 2, ErrorRates.wer("a b", "a x b"), 1e-12);
    assertEquals(3.0 / 2, ErrorRates.wer("a b", "x y z"), 1e-12);
    assertEquals(0.0, ErrorRates.wer("same words here", "same words here"), 1e-12);
  }

  @Test
  void characterErrorsCountSpaces() {
    assertEquals(1.0 / 5, ErrorRates.cer("ab cd", "abcd"), 1e-12);
  }

  @Test
  void normalisationIgnoresCasePunctuationAndSpacing() {
    assertEquals("hello world dont stop", ErrorRates.normalize("  Hello,   World! Don't — stop. "));
    assertEquals(0.0, ErrorRates.wer("Hello, World!", "hello world"), 1e-12);
    assertEquals(0.0, ErrorRates.cer("Well-known\tfacts", "well known facts"), 1e-12);
    assertEquals("über straße", ErrorRates.normalize("ÜBER Straße"));
  }

  @Test
  void digitsAreKeptAsTheyAre() {
    assertEquals("3 cats", ErrorRates.normalize("3 cats"));
    assertEquals(1.0 / 2, ErrorRates.wer("three cats", "3 cats"), 1e-12);
    assertEquals(0.0, ErrorRates.wer("3 cats", "3 cats."), 1e-12);
  }

  @Test
  void emptyReference() {
    assertEquals(0.0, ErrorRates.wer("", " ... "), 1e-12);
    assertEquals(1.0, ErrorRates.wer("", "words"), 1e-12);
    assertEquals(1.0, ErrorRates.cer("abc", ""), 1e-12);
  }

  @Test
  void distance() {
    assertEquals(0, ErrorRates.distance(new int[0], new int[0]));
    assertEquals(3, ErrorRates.distance(new int[] {1, 2, 3}, new int[0]));
    assertEquals(2, ErrorRates.distance(new int[] {1, 2, 3, 4}, new int[] {2, 3, 5}));
  }
}
