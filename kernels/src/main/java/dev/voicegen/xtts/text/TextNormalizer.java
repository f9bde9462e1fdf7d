package dev.voicegen.xtts.text;

import com.ibm.icu.text.Normalizer2;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text as XTTS v2 was trained to read it: Coqui's {@code multilingual_cleaners}
 * (TTS/tts/layers/xtts/tokenizer.py), i.e. lower case, numbers, currency, ordinals, abbreviations
 * and symbols in words, whitespace collapsed. Script is kept: Chinese, Japanese and Korean are
 * romanised later, per piece, by {@link Romanizer}.
 *
 * <p>Where Coqui does less, so do we, with three safe additions: text is NFC-composed (the
 * vocabulary holds precomposed letters), non-ASCII decimal digits become ASCII ones, and Hindi and
 * Japanese numbers are spelled out too. Any Unicode input is accepted; unpaired surrogates and
 * control characters are dropped. Thread-safe.
 */
public final class TextNormalizer {
  // Python's \s, which Coqui's collapse_whitespace uses, also matches the separators U+001C-U+001F.
  private static final Pattern WHITESPACE =
      Pattern.compile("[\\s\\x{1C}-\\x{1F}]+", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Map<XttsLanguage, NumberExpander> EXPANDERS =
      new EnumMap<>(XttsLanguage.class);

  private TextNormalizer() {}

  /**
   * Normalises one text for one language.
   *
   * @param text any text; null reads as empty
   * @param lang a language code XTTS v2 speaks ({@code en}, {@code zh-cn}, ...)
   * @return the normalised text, stripped; empty when nothing speakable is left
   * @throws IllegalArgumentException for an unsupported language
   */
  public static String normalize(String text, String lang) {
    return normalize(text, XttsLanguage.of(lang));
  }

  /** As {@link #normalize(String, String)}, for a resolved language. */
  public static String normalize(String text, XttsLanguage language) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String out = Normalizer2.getNFCInstance().normalize(clean(text));
    out = out.replace("\"", "");
    if (language == XttsLanguage.TR) {
      // Coqui folds these by hand so that lower-casing keeps Turkish letters intact.
      out = out.replace('İ', 'i').replace('Ö', 'ö').replace('Ü', 'ü');
    }
    out = out.toLowerCase(Locale.ROOT);
    out = expander(language).expand(out);
    out = Abbreviations.expand(out, language);
    out = SymbolNames.expand(out, language);
    return collapseWhitespace(out);
  }

  /** Runs of whitespace to one space, with none at either end. */
  static String collapseWhitespace(String text) {
    String out = WHITESPACE.matcher(text).replaceAll(" ");
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == ' ') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == ' ') {
      end--;
    }
    return out.substring(start, end);
  }

  private static NumberExpander expander(XttsLanguage language) {
    synchronized (EXPANDERS) {
      return EXPANDERS.computeIfAbsent(language, NumberExpander::new);
    }
  }

  /**
   * Drops what no tokenizer can take (unpaired surrogates, control characters other than
   * whitespace) and turns every decimal digit (Arabic-Indic, Devanagari, full-width...) into ASCII.
   */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.SURROGATE) {
        continue; // unpaired: the native tokenizer needs valid UTF-8
      }
      if (type == Character.CONTROL) {
        if (Character.isWhitespace(cp) || cp == 0x85) {
          out.append(' ');
        }
        continue;
      }
      if (type == Character.DECIMAL_DIGIT_NUMBER && cp > '9') {
        out.append((char) ('0' + Character.digit(cp, 10)));
        continue;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}
