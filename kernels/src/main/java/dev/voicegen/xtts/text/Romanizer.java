package dev.voicegen.xtts.text;

import com.ibm.icu.text.Transliterator;

/**
 * Chinese, Korean and Japanese in the Latin letters the XTTS vocabulary holds, as Coqui's
 * {@code preprocess_text} (TTS/tts/layers/xtts/tokenizer.py) does with pypinyin, hangul_romanize
 * and cutlet:
 *
 * <ul>
 *   <li>zh: tone-numbered pinyin per Han character from pinyin4j ({@link Pinyin});
 *   <li>ko: ICU's Hangul-Latin romanisation, close to Coqui's academic rule;
 *   <li>ja: Hepburn romaji from Kuromoji's IPADIC readings ({@link JapaneseRomaji}).
 * </ul>
 *
 * Other languages pass through. Thread-safe.
 */
public final class Romanizer {
  private static Transliterator hangulToLatin;

  private Romanizer() {}

  /** The text in Latin script where the language needs it; unchanged otherwise. */
  public static String romanize(String text, XttsLanguage language) {
    return switch (language) {
      case ZH -> Pinyin.of(text);
      case KO -> hangul(text);
      case JA -> JapaneseRomaji.romanize(text);
      default -> text;
    };
  }

  // ICU documents transliterators as not safe for concurrent use.
  private static synchronized String hangul(String text) {
    if (hangulToLatin == null) {
      hangulToLatin = Transliterator.getInstance("Hangul-Latin");
    }
    return hangulToLatin.transliterate(text);
  }
}
