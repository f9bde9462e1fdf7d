package dev.voicegen.xtts.text;

import java.util.EnumMap;
import java.util.Map;

/**
 * Symbols read out as words ("&" -> "and", "%" -> "percent"), per language. The tables are Coqui
 * TTS's {@code _symbols_multilingual} (TTS/tts/layers/xtts/tokenizer.py); Hindi and Japanese have
 * none there, Hindi's here are our own.
 */
final class SymbolNames {
  /** The symbols, in the order Coqui replaces them. */
  private static final String SYMBOLS = "&@%#$£°";

  private static final Map<XttsLanguage, String[]> WORDS = new EnumMap<>(XttsLanguage.class);

  static {
    put(XttsLanguage.EN, "and", "at", "percent", "hash", "dollar", "pound", "degree");
    put(XttsLanguage.ES, "y", "arroba", "por ciento", "numeral", "dolar", "libra", "grados");
    put(XttsLanguage.FR, "et", "arobase", "pour cent", "dièse", "dollar", "livre", "degrés");
    put(XttsLanguage.DE, "und", "at", "prozent", "raute", "dollar", "pfund", "grad");
    put(XttsLanguage.PT, "e", "arroba", "por cento", "cardinal", "dólar", "libra", "graus");
    put(XttsLanguage.IT, "e", "chiocciola", "per cento", "cancelletto", "dollaro", "sterlina",
        "gradi");
    put(XttsLanguage.PL, "i", "małpa", "procent", "krzyżyk", "dolar", "funt", "stopnie");
    put(XttsLanguage.AR, "و", "على", "في المئة", "رقم", "دولار", "جنيه", "درجة");
    put(XttsLanguage.ZH, "和", "在", "百分之", "号", "美元", "英镑", "度");
    put(XttsLanguage.CS, "a", "na", "procento", "křížek", "dolar", "libra", "stupně");
    put(XttsLanguage.RU, "и", "собака", "процентов", "номер", "доллар", "фунт", "градус");
    put(XttsLanguage.NL, "en", "bij", "procent", "hekje", "dollar", "pond", "graden");
    put(XttsLanguage.TR, "ve", "at", "yüzde", "diyez", "dolar", "sterlin", "derece");
    put(XttsLanguage.HU, "és", "kukac", "százalék", "kettőskereszt", "dollár", "font", "fok");
    put(XttsLanguage.KO, "그리고", "에", "퍼센트", "번호", "달러", "파운드", "도");
    put(XttsLanguage.HI, "और", "ऐट दी रेट", "प्रतिशत", "हैश", "डॉलर", "पाउंड", "डिग्री");
  }

  private SymbolNames() {}

  /**
   * Replaces each symbol with its word padded by spaces, as Coqui does; the caller collapses the
   * spaces afterwards. Languages without a table pass through.
   */
  static String expand(String text, XttsLanguage language) {
    String[] words = WORDS.get(language);
    if (words == null || !containsAny(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int symbol = SYMBOLS.indexOf(c);
      if (symbol < 0) {
        out.append(c);
      } else {
        out.append(' ').append(words[symbol]).append(' ');
      }
    }
    return out.toString();
  }

  private static boolean containsAny(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (SYMBOLS.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static void put(XttsLanguage language, String... words) {
    WORDS.put(language, words);
  }
}
