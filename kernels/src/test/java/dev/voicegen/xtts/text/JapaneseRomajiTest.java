package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.lang.UScript;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kuromoji readings in cutlet's Hepburn; the Japanese goldens reach BPE without [UNK]. */
class JapaneseRomajiTest {
  // Every character the romaniser may write: the fixture vocabulary (make_vocab.py) has them all.
  private static final String ROMAJI = "abcdefghijklmnopqrstuvwxyz .,?!'\"()/:-";

  @Test
  void japaneseGoldensBecomeRomajiTheVocabularyCoversWithoutUnk() throws Exception {
    try (XttsTokenizer tokenizer = XttsTokenizer.load(XttsTokenizerTest.vocab())) {
      int checked = 0;
      for (TextGoldensTest.Golden g : TextGoldensTest.goldens()) {
        if (!g.lang().equals("ja")) {
          continue;
        }
        String romaji = TextGoldensTest.frontEnd(g.input(), "ja");
        assertTrue(romaji.chars().allMatch(c -> ROMAJI.indexOf(c) >= 0), romaji);
        int[] ids = tokenizer.encode(romaji, "ja");
        int unk = tokenizer.unkToken();
        assertFalse(Arrays.stream(ids).anyMatch(id -> id == unk), g.input() + " -> " + romaji);
        checked++;
      }
      assertTrue(checked >= 20, "ja goldens: " + checked);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // kanji compounds read from IPADIC (which has 日本国 as "nippon-koku"), not left as [UNK]
        "日本国憲法 | nipponkoku kenpou",
        // sokuon inside a word and across the verb|て split; "t" before ち
        "切符を買って | kippu wo katte",
        "マッチ | matchi",
        // ん before a vowel is written n'
        "原因 | gen'in",
        // palatal digraphs, regular and irregular
        "東京の旅行 | tokyo no ryokou",
        "写真 | shashin",
        // the long-vowel mark repeats the vowel before it
        "コーヒー | koohii",
        // particles は, へ, を
        "私は家へ本を | watashi wa ie e hon wo",
        // ASCII and digits pass through
        "ABC 123 | abc 123",
        "ＡＢＣ　１２３ | abc 123",
      })
  void romanisesAsCutletDoes(String japanese, String romaji) {
    assertEquals(romaji, JapaneseRomaji.romanize(japanese));
  }

  @Test
  void writesAQuestionMarkPerCharacterOfAnUnknownNonKanaWord() {
    // Hangul inside Japanese text: IPADIC has no reading, cutlet's ensure_ascii writes '?'.
    assertEquals("??", JapaneseRomaji.romanize("한국"));
    // one per character, not per UTF-16 unit
    assertEquals("?", JapaneseRomaji.romanize("𠮷"));
  }

  @Test
  void leavesNoKanaOrKanjiWhateverTheInput() {
    // Kana edge cases (sokuon last, small kana first, long-vowel mark alone, iteration marks,
    // rare katakana), kanji in and out of the dictionary, digits, Latin and an emoji.
    String pool = "あいうっゃゅょぁーゝゞァヴヵヶヷカキャッ々漢字日本語𠮷1２aZ 。、？!😀";
    Random random = new Random(20241203L);
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int i = 0; i < length; i++) {
        int index = random.nextInt(pool.codePointCount(0, pool.length()));
        int offset = pool.offsetByCodePoints(0, index);
        text.appendCodePoint(pool.codePointAt(offset));
      }
      String romaji = JapaneseRomaji.romanize(text.toString());
      romaji.codePoints().forEach(cp -> {
        int script = UScript.getScript(cp);
        assertFalse(script == UScript.HIRAGANA || script == UScript.KATAKANA
            || script == UScript.HAN, text + " -> " + romaji);
      });
    }
  }

  @Test
  void kanaMapsMoraByMora() {
    assertEquals("kyouto", JapaneseRomaji.kana("きょうと"));
    assertEquals("chotto", JapaneseRomaji.kana("ちょっと"));
    assertEquals("fa", JapaneseRomaji.kana("ふぁ"));
    assertEquals("hon'ya", JapaneseRomaji.kana("ほんや"));
  }
}
