package dev.voicegen.xtts.text;

import com.ibm.icu.util.ULocale;
import java.util.Locale;

/**
 * A language XTTS v2 speaks: its code, the tag the tokenizer sees, and the longest text piece the
 * model renders well in one go.
 *
 * <p>Character limits are Coqui TTS's {@code VoiceBpeTokenizer.char_limits}
 * (TTS/tts/layers/xtts/tokenizer.py); Hindi, absent there, gets Coqui's default of 250.
 */
public enum XttsLanguage {
  EN("en", 250),
  DE("de", 253),
  FR("fr", 273),
  ES("es", 239),
  IT("it", 213),
  PT("pt", 203),
  PL("pl", 224),
  ZH("zh-cn", 82),
  AR("ar", 166),
  CS("cs", 186),
  RU("ru", 182),
  NL("nl", 251),
  TR("tr", 226),
  JA("ja", 71),
  HU("hu", 224),
  KO("ko", 95),
  HI("hi", 250);

  private final String code;
  private final int charLimit;
  private final ULocale locale;

  XttsLanguage(String code, int charLimit) {
    this.code = code;
    this.charLimit = charLimit;
    this.locale = new ULocale(code.equals("zh-cn") ? "zh_Hans_CN" : code);
  }

  /**
   * The language for a manifest code; {@code zh} and {@code zh-cn} both mean Mandarin, as in
   * Coqui, and case is ignored.
   *
   * @throws IllegalArgumentException for a language XTTS v2 does not speak
   */
  public static XttsLanguage of(String code) {
    if (code == null) {
      throw new IllegalArgumentException("language code is null");
    }
    String c = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    if (c.equals("zh") || c.startsWith("zh-")) {
      return ZH;
    }
    for (XttsLanguage language : values()) {
      if (language.code.equals(c)) {
        return language;
      }
    }
    throw new IllegalArgumentException("unsupported XTTS language: " + code);
  }

  /** The code as the manifest and Coqui's model config spell it: {@code en}, {@code zh-cn}. */
  public String code() {
    return code;
  }

  /** The language token that opens every piece, e.g. {@code [en]}, {@code [zh-cn]}. */
  public String tag() {
    return "[" + code + "]";
  }

  /** The longest piece, in UTF-16 chars, handed to the model at once. */
  public int charLimit() {
    return charLimit;
  }

  /** The ICU locale for number spell-out and sentence breaking. */
  public ULocale locale() {
    return locale;
  }
}
