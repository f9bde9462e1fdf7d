package dev.voicegen.xtts.text;

import com.ibm.icu.lang.UScript;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Chinese as pypinyin's TONE3 style with {@code neutral_tone_with_five}, which Coqui's
 * {@code chinese_transliterate} uses: one syllable per Han character, tone digit last (5 for the
 * neutral tone), "v" for ü, no spaces, everything else kept as it is ("你好，世界" ->
 * "ni3hao3，shi4jie4").
 *
 * <p>Readings come from pinyin4j's per-character dictionary, its first (most common) reading.
 * pypinyin also knows words: where a word changes a character's reading (polyphones such as
 * 为 in 因为 / 成为, or the neutral tone of 朋友 "peng2you5") the two can differ (README).
 * Thread-safe.
 */
final class Pinyin {
  private static final Map<Integer, String> CACHE = new ConcurrentHashMap<>();
  private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

  static {
    FORMAT.setToneType(HanyuPinyinToneType.WITH_TONE_NUMBER);
    FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
  }

  private Pinyin() {}

  static String of(String text) {
    StringBuilder out = new StringBuilder(text.length() * 4);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (UScript.getScript(cp) == UScript.HAN) {
        out.append(CACHE.computeIfAbsent(cp, Pinyin::syllable));
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  // pinyin4j covers the Basic Multilingual Plane; rarer characters stay as they are.
  private static String syllable(int cp) {
    String[] readings = null;
    if (Character.isBmpCodePoint(cp)) {
      try {
        readings = PinyinHelper.toHanyuPinyinStringArray((char) cp, FORMAT);
      } catch (BadHanyuPinyinOutputFormatCombination e) {
        throw new IllegalStateException("pinyin4j rejects its own format", e);
      }
    }
    if (readings == null || readings.length == 0) {
      return new String(Character.toChars(cp));
    }
    return readings[0];
  }
}
