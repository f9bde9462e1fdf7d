package dev.voicegen.xtts.text;

import dev.voicegen.xtts.text.CurrencyWords.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers in lower-cased text spelled out in words, pass by pass as Coqui's
 * {@code expand_numbers_multilingual} (TTS/tts/layers/xtts/tokenizer.py): thousands separators,
 * currency amounts, decimals, ordinals, then plain numbers. Expects ASCII digits.
 */
final class NumberExpander {
  private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

  // Thousands separators: "1,000.5" in English and Russian, "1.000,5" elsewhere (tokenizer.py).
  private static final Pattern COMMA_GROUPED =
      Pattern.compile("\\b[0-9]{1,3}(,[0-9]{3})*(\\.[0-9]+)?\\b", FLAGS);
  private static final Pattern DOT_GROUPED =
      Pattern.compile("\\b[0-9]{1,3}(\\.[0-9]{3})*(,[0-9]+)?\\b", FLAGS);

  // Currency amounts with the symbol before or after, in Coqui's order GBP, USD, EUR.
  private static final Map<Currency, Pattern> CURRENCY = new EnumMap<>(Currency.class);

  static {
    CURRENCY.put(Currency.GBP, Pattern.compile("£[0-9.,]*[0-9]+|[0-9.,]*[0-9]+£"));
    CURRENCY.put(Currency.USD, Pattern.compile("\\$[0-9.,]*[0-9]+|[0-9.,]*[0-9]+\\$"));
    CURRENCY.put(Currency.EUR, Pattern.compile("[0-9.,]*[0-9]+€|€[0-9.,]*[0-9]+"));
  }

  private static final Pattern DECIMAL = Pattern.compile("[0-9]+[.,][0-9]+");
  private static final Pattern ZH_PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  // Ordinal suffixes per language: Coqui's _ordinal_re (tokenizer.py); zh, ja, hi have none.
  private static final Map<XttsLanguage, Pattern> ORDINAL = new EnumMap<>(XttsLanguage.class);

  static {
    ordinal(XttsLanguage.EN, "([0-9]+)(st|nd|rd|th)");
    ordinal(XttsLanguage.ES, "([0-9]+)(º|ª|er|o|a|os|as)");
    ordinal(XttsLanguage.FR, "([0-9]+)(º|ª|er|re|e|ème)");
    ordinal(XttsLanguage.DE, "([0-9]+)(st|nd|rd|th|º|ª|\\.(?=\\s|$))");
    ordinal(XttsLanguage.PT, "([0-9]+)(º|ª|o|a|os|as)");
    ordinal(XttsLanguage.IT, "([0-9]+)(º|°|ª|o|a|i|e)");
    ordinal(XttsLanguage.PL, "([0-9]+)(º|ª|st|nd|rd|th)");
    ordinal(XttsLanguage.AR, "([0-9]+)(ون|ين|ث|ر|ى)");
    ordinal(XttsLanguage.CS, "([0-9]+)\\.(?=\\s|$)");
    ordinal(XttsLanguage.RU, "([0-9]+)(-й|-я|-е|-ое|-ье|-го)");
    ordinal(XttsLanguage.NL, "([0-9]+)(de|ste|e)");
    ordinal(XttsLanguage.TR, "([0-9]+)(\\.|inci|nci|uncu|üncü)");
    ordinal(XttsLanguage.HU, "([0-9]+)(\\.|adik|edik|odik|ödik|ödike|ik)");
    ordinal(XttsLanguage.KO, "([0-9]+)(번째|번|차|째)");
  }

  private final XttsLanguage language;
  private final NumberSpeller speller;
  private final CurrencyWords currencyWords;

  NumberExpander(XttsLanguage language) {
    this.language = language;
    this.speller = NumberSpeller.of(language);
    this.currencyWords = new CurrencyWords(language);
  }

  String expand(String text) {
    if (!hasAsciiDigit(text)) {
      return text;
    }
    String out =
        groupsWithCommas()
            ? replace(COMMA_GROUPED, text, m -> m.group().replace(",", ""))
            : replace(DOT_GROUPED, text, m -> m.group().replace(".", ""));
    out = currencies(out);
    if (language == XttsLanguage.ZH) {
      // Chinese says the percent first: "14%" -> "百分之十四" (Coqui's zh_num2words).
      out = replace(ZH_PERCENT, out, m -> "百分之" + decimalOrCardinal(m.group(1)));
    }
    if (language != XttsLanguage.TR) {
      // Coqui leaves Turkish decimals alone: num2words reads them wrongly there.
      out = replace(DECIMAL, out, m -> speller.decimal(m.group().replace(',', '.')));
    }
    Pattern ordinal = ORDINAL.get(language);
    if (ordinal != null) {
      out = replace(ordinal, out, m -> speller.ordinal(m.group(1)));
    }
    out = replace(NUMBER, out, m -> speller.cardinal(m.group()));
    if (language == XttsLanguage.ZH) {
      out = out.replace('〇', '零'); // ICU writes zero as 〇; spoken Mandarin text uses 零
    }
    return out;
  }

  // zh, ja and hi are not in Coqui's num2words path; they group digits the English way.
  private boolean groupsWithCommas() {
    return switch (language) {
      case EN, RU, ZH, JA, HI -> true;
      default -> false;
    };
  }

  private String decimalOrCardinal(String number) {
    return number.indexOf('.') >= 0 ? speller.decimal(number) : speller.cardinal(number);
  }

  /**
   * The currency passes, GBP, USD then EUR. As in Coqui, where one amount cannot be read (num2words
   * lacks the currency, or the amount has several separators and float() fails) that pass and
   * the ones after it leave the text as it was: Coqui wraps all three in one try.
   */
  private String currencies(String text) {
    String out = text;
    for (Map.Entry<Currency, Pattern> entry : CURRENCY.entrySet()) {
      Matcher m = entry.getValue().matcher(out);
      StringBuilder replaced = new StringBuilder(out.length() + 32);
      while (m.find()) {
        String words = currency(entry.getKey(), m.group());
        if (words == null) {
          return out;
        }
        m.appendReplacement(replaced, Matcher.quoteReplacement(words));
      }
      m.appendTail(replaced);
      out = replaced.toString();
    }
    return out;
  }

  /** An amount like "$1000.50" or "20,15€" in words; null where Coqui's reading fails. */
  private String currency(Currency currency, String amount) {
    StringBuilder number = new StringBuilder();
    for (int i = 0; i < amount.length(); i++) {
      char c = amount.charAt(i);
      if (c >= '0' && c <= '9') {
        number.append(c);
      } else if (c == '.' || c == ',') {
        number.append('.');
      }
    }
    String n = number.toString();
    int dot = n.indexOf('.');
    if (dot != n.lastIndexOf('.')) {
      return null;
    }
    String whole = dot < 0 ? n : n.substring(0, dot);
    String cents = dot < 0 ? "" : n.substring(dot + 1);
    return currencyWords.speak(currency, whole, cents);
  }

  private static String replace(Pattern pattern, String text, Function<Matcher, String> words) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(words.apply(m)));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private static boolean hasAsciiDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static void ordinal(XttsLanguage language, String regex) {
    ORDINAL.put(language, Pattern.compile(regex, FLAGS));
  }
}
