package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private static final String EN_SENTENCES =
      "the quick brown fox jumps over the lazy dog. "
          + "she sells sea shells by the sea shore, and the shells she sells are surely sea "
          + "shells! "
          + "how much wood would a woodchuck chuck if a woodchuck could chuck wood? "
          + "peter piper picked a peck of pickled peppers. ";

  @Test
  void keepsShortTextWhole() {
    String shortText = "one sentence. two sentences.";
    assertEquals(List.of(shortText), SentenceSplitter.split(shortText, "en"));
    assertEquals(List.of(), SentenceSplitter.split("   ", "en"));
    assertEquals(List.of(), SentenceSplitter.split(null, "en"));
  }

  @Test
  void packsEnglishSentencesUpToTheLimit() {
    String text = EN_SENTENCES.repeat(20).strip();
    List<String> pieces = SentenceSplitter.split(text, "en");
    assertTrue(pieces.size() > 10);
    for (String piece : pieces) {
      assertTrue(piece.length() <= 250, piece.length() + ": " + piece);
      assertTrue(piece.endsWith(".") || piece.endsWith("!") || piece.endsWith("?"), piece);
      assertEquals(piece.strip(), piece);
    }
    assertEquals(text, String.join(" ", pieces)); // nothing lost, nothing reordered
    // Packing: the next piece's first sentence would not have fitted into this one.
    for (int i = 0; i + 1 < pieces.size(); i++) {
      String next = pieces.get(i + 1);
      Matcher first = Pattern.compile("^.*?[.!?](?= |$)").matcher(next);
      assertTrue(first.find());
      assertTrue(pieces.get(i).length() + 1 + first.group().length() > 250, next);
    }
  }

  @Test
  void packsChineseWithoutSpacesUpToItsLimit() {
    String sentence = "今天天气很好，我们一起去公园散步吧。";
    String text = sentence.repeat(40) + "这是最后一句话！";
    List<String> pieces = SentenceSplitter.split(text, "zh-cn");
    assertTrue(pieces.size() > 5);
    pieces.forEach(p -> assertTrue(p.length() <= 82, p));
    assertEquals(text, String.join("", pieces));
  }

  @Test
  void packsJapaneseUpToItsLimit() {
    String text = "これはとても長い日本語の文章です。".repeat(30) + "おわり";
    List<String> pieces = SentenceSplitter.split(text, "ja");
    pieces.forEach(p -> assertTrue(p.length() <= 71, p));
    assertEquals(text, String.join("", pieces));
  }

  @Test
  void cutsAnOverlongSentenceAtSpacesKeepingWords() {
    String sentence = "word ".repeat(59) + "tail"; // 299 chars, no punctuation
    List<String> pieces = SentenceSplitter.split(sentence, "en");
    assertEquals(2, pieces.size());
    for (String piece : pieces) {
      assertTrue(piece.length() <= 250);
      for (String word : piece.split(" ")) {
        assertTrue(word.equals("word") || word.equals("tail"), word);
      }
    }
  }

  @Test
  void prefersClauseMarksInAnOverlongSentence() {
    String clause = "and then the story went on for a long while";
    String sentence = String.join(", ", Collections.nCopies(12, clause)) + ".";
    List<String> pieces = SentenceSplitter.split(sentence, "en");
    for (int i = 0; i + 1 < pieces.size(); i++) {
      assertTrue(pieces.get(i).endsWith(","), pieces.get(i));
    }
    pieces.forEach(p -> assertTrue(p.length() <= 250));
  }

  @Test
  void hardSplitsTextWithoutSpacesOnCharacterBoundaries() {
    String chinese = "很".repeat(300);
    List<String> pieces = SentenceSplitter.split(chinese, "zh-cn");
    pieces.forEach(p -> assertTrue(p.length() <= 82));
    assertEquals(chinese, String.join("", pieces));

    String emoji = "\uD83D\uDE00".repeat(200); // surrogate pairs must stay whole
    for (String piece : SentenceSplitter.split(emoji, "en")) {
      assertTrue(piece.length() <= 250);
      assertFalse(Character.isLowSurrogate(piece.charAt(0)));
      assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
    }
  }

  @Test
  void respectsEveryLanguageLimitOnRandomText() {
    Random random = new Random(7);
    for (XttsLanguage language : XttsLanguage.values()) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 2000) {
        int words = 1 + random.nextInt(60);
        for (int w = 0; w < words; w++) {
          text.append("abcdefghij", 0, 1 + random.nextInt(10));
          text.append(random.nextInt(8) == 0 ? ", " : " ");
        }
        text.append(". ");
      }
      for (String piece : SentenceSplitter.split(text.toString(), language, language.charLimit())) {
        assertTrue(piece.length() <= language.charLimit(), language + ": " + piece.length());
        assertFalse(piece.isEmpty());
      }
    }
  }

  @Test
  void rejectsALimitTooSmallForASurrogatePair() {
    assertThrows(
        IllegalArgumentException.class, () -> SentenceSplitter.split("abc", XttsLanguage.EN, 1));
  }
}
