package dev.voicegen.xtts.text;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decimal numbers read as num2words reads the float Coqui hands it ({@code num2words(float(x))}):
 * the whole part, the language's decimal word, then the fraction, either digit by digit
 * ("three point one four") or, in Polish, Czech and Russian, as one number ("trzy przecinek
 * czternaście"). A float keeps no trailing zeros, so neither does the fraction ("12.50" reads as
 * "12.5"); the number readers drop leading zeros too ("0.05" is "zero przecinek pięć"). A whole
 * float ("100,000" in Korean, which Coqui's decimal pass reads as 100.0) is a plain cardinal in
 * the digit readers and "sto przecinek zero" in the number readers.
 */
final class DecimalWords {
  private record Style(String pointWord, boolean fractionAsNumber) {}

  // num2words 0.5.10's decimal words (Num2Word_XX pointword / precision handling).
  private static final Map<XttsLanguage, Style> STYLES = new EnumMap<>(XttsLanguage.class);

  static {
    STYLES.put(XttsLanguage.EN, new Style("point", false));
    STYLES.put(XttsLanguage.ES, new Style("punto", false));
    STYLES.put(XttsLanguage.FR, new Style("virgule", false));
    STYLES.put(XttsLanguage.DE, new Style("Komma", false)); // num2words capitalises the noun
    STYLES.put(XttsLanguage.PT, new Style("vírgula", false));
    STYLES.put(XttsLanguage.IT, new Style("virgola", false));
    STYLES.put(XttsLanguage.NL, new Style("komma", false));
    STYLES.put(XttsLanguage.KO, new Style("점", false));
    STYLES.put(XttsLanguage.PL, new Style("przecinek", true));
    STYLES.put(XttsLanguage.CS, new Style("celá", true));
    STYLES.put(XttsLanguage.RU, new Style("запятая", true));
  }

  private DecimalWords() {}

  /**
   * The words for whole.fraction, or null where num2words has no rule to follow here (Arabic,
   * Turkish, Hungarian, Hindi, Chinese, Japanese): ICU's reading is used then.
   */
  static String read(NumberSpeller speller, XttsLanguage language, String whole, String fraction) {
    Style style = STYLES.get(language);
    if (style == null || whole.length() + fraction.length() > NumberSpeller.MAX_DIGITS) {
      return null;
    }
    String digits = stripTrailingZeros(fraction);
    String wholeWords = speller.cardinal(whole.isEmpty() ? "0" : whole);
    if (digits.equals("0") && !style.fractionAsNumber()) {
      return wholeWords; // these num2words classes read a whole float as an integer
    }
    String fractionWords =
        style.fractionAsNumber() ? speller.cardinal(digits) : speller.digitByDigit(digits);
    return wholeWords + " " + style.pointWord() + " " + fractionWords;
  }

  // float("1.50") is 1.5; float("1.0") still has one fraction digit, a zero.
  private static String stripTrailingZeros(String fraction) {
    int end = fraction.length();
    while (end > 1 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    return fraction.isEmpty() ? "0" : fraction.substring(0, end);
  }
}
