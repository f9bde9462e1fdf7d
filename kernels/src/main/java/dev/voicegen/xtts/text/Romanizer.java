package dev.voicegen.xtts.text;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese, Korean and Japanese in the Latin letters the XTTS vocabulary holds, as Coqui's
 * {@code preprocess_text} (TTS/tts/layers/xtts/tokenizer.py) does with pypinyin, hangul_romanize
 * and cutlet, but with ICU4J transliterators:
 *
 * <ul>
 *   <li>zh: each Han character as tone-numbered pinyin, neutral tone 5, no spaces ("ni3hao3");
 *       readings are per character, so polyphones take their most common reading;
 *   <li>ko: ICU's Hangul-Latin romanisation, close to Coqui's academic rule;
 *   <li>ja: kana only: ICU has no kanji readings (cutlet uses a MeCab dictionary), so kanji stay
 *       as they are and the tokenizer reads them as unknown.
 * </ul>
 *
 * Other languages pass through. Thread-safe.
 */
public final class Romanizer {
  private static final Map<Integer, String> PINYIN = new ConcurrentHashMap<>();
  private static Transliterator hanToPinyin;
  private static Transliterator hangulToLatin;
  private static Transliterator kanaToLatin;

  private Romanizer() {}

  /** The text in Latin script where the language needs it; unchanged otherwise. */
  public static String romanize(String text, XttsLanguage language) {
    return switch (language) {
      case ZH -> pinyin(text);
      case KO -> transliterate(text, Script.HANGUL);
      case JA -> transliterate(text, Script.KANA).toLowerCase(Locale.ROOT);
      default -> text;
    };
  }

  private enum Script {
    HAN,
    HANGUL,
    KANA
  }

  private static String pinyin(String text) {
    StringBuilder out = new StringBuilder(text.length() * 4);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (UScript.getScript(cp) == UScript.HAN) {
        out.append(PINYIN.computeIfAbsent(cp, Romanizer::syllable));
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  // One character's reading: "好" -> "hao3"; pypinyin's TONE3 style marks the neutral tone with 5.
  private static String syllable(int cp) {
    String reading = transliterate(new String(Character.toChars(cp)), Script.HAN).trim();
    if (reading.isEmpty() || UScript.getScript(reading.codePointAt(0)) == UScript.HAN) {
      return new String(Character.toChars(cp));
    }
    reading = reading.toLowerCase(Locale.ROOT);
    char last = reading.charAt(reading.length() - 1);
    return last >= '1' && last <= '5' ? reading : reading + "5";
  }

  // ICU documents transliterators as not safe for concurrent use: one lock covers all three.
  private static synchronized String transliterate(String text, Script script) {
    return switch (script) {
      case HAN -> {
        if (hanToPinyin == null) {
          hanToPinyin = Transliterator.getInstance("Han-Latin; Latin-NumericPinyin");
        }
        yield hanToPinyin.transliterate(text);
      }
      case HANGUL -> {
        if (hangulToLatin == null) {
          hangulToLatin = Transliterator.getInstance("Hangul-Latin");
        }
        yield hangulToLatin.transliterate(text);
      }
      case KANA -> {
        if (kanaToLatin == null) {
          kanaToLatin = Transliterator.getInstance("Hiragana-Latin; Katakana-Latin");
        }
        yield kanaToLatin.transliterate(text);
      }
    };
  }
}
