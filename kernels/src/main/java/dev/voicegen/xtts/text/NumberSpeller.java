package dev.voicegen.xtts.text;

import com.ibm.icu.text.RuleBasedNumberFormat;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spells numbers out in words with ICU4J's rule-based spell-out, standing in for the num2words
 * calls in Coqui's tokenizer.py, with num2words' own habits where they differ from ICU's (English
 * "hundred and one", Turkish words written together, Dutch "één", decimals read as
 * num2words reads a float; see {@link DecimalWords}). Output is free of ICU's soft hyphens and
 * never contains a digit: numbers beyond ICU's rules are read digit by digit.
 */
final class NumberSpeller {
  /** Longer digit runs (phone numbers, ids) are read digit by digit rather than as one number. */
  static final int MAX_DIGITS = 15;

  // Preferred ordinal rule sets, most neutral first; languages with none fall back to cardinals.
  private static final List<String> ORDINAL_RULE_SETS =
      List.of("%spellout-ordinal", "%spellout-ordinal-masculine", "%spellout-ordinal-native");

  private static final Map<XttsLanguage, NumberSpeller> CACHE = new EnumMap<>(XttsLanguage.class);

  private final XttsLanguage language;
  private final RuleBasedNumberFormat format;
  private final String cardinalRules;
  private final String ordinalRules;
  private final String[] digitWords = new String[10];

  private NumberSpeller(XttsLanguage language) {
    this.language = language;
    this.format = new RuleBasedNumberFormat(language.locale(), RuleBasedNumberFormat.SPELLOUT);
    List<String> names = Arrays.asList(format.getRuleSetNames());
    if (language == XttsLanguage.EN) {
      // num2words says "two thousand and twenty-four": ICU's verbose English rules do too.
      this.cardinalRules = "%spellout-numbering-verbose";
      this.ordinalRules = "%spellout-ordinal-verbose";
    } else {
      this.cardinalRules =
          names.contains("%spellout-numbering")
              ? "%spellout-numbering"
              : format.getDefaultRuleSetName();
      this.ordinalRules =
          ORDINAL_RULE_SETS.stream().filter(names::contains).findFirst().orElse(cardinalRules);
    }
    for (int d = 0; d < 10; d++) {
      digitWords[d] = num2wordsStyle(clean(format.format(d, cardinalRules)));
    }
  }

  /** The shared speller for a language; synchronized, as ICU formats are not thread-safe. */
  static NumberSpeller of(XttsLanguage language) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(language, NumberSpeller::new);
    }
  }

  /** A run of ASCII digits as a cardinal number: "42" -> "forty-two". */
  synchronized String cardinal(String digits) {
    return spell(digits, cardinalRules);
  }

  /** A run of ASCII digits as an ordinal: "42" -> "forty-second"; a cardinal where ICU has none. */
  synchronized String ordinal(String digits) {
    return spell(digits, ordinalRules);
  }

  /**
   * A decimal number with a '.' separator: "3.14" -> "three point one four" (en), "drei komma eins
   * vier" (de): ICU's own decimal word and reading of the fraction.
   */
  synchronized String decimal(String number) {
    int dot = number.indexOf('.');
    if (dot < 0) {
      return spell(number, cardinalRules);
    }
    String num2words = DecimalWords.read(this, language, number.substring(0, dot),
        number.substring(dot + 1));
    if (num2words != null) {
      return num2words;
    }
    String whole = stripZeros(number.substring(0, dot));
    String fraction = number.substring(dot + 1);
    // A double holds 15 significant digits; longer numbers read the fraction digit by digit.
    if (whole.length() + fraction.length() > MAX_DIGITS || fraction.isEmpty()) {
      return spell(whole, cardinalRules) + " " + digitByDigit(fraction);
    }
    String words = clean(format.format(Double.parseDouble(whole + "." + fraction), cardinalRules));
    return hasDigit(words) ? spell(whole, cardinalRules) + " " + digitByDigit(fraction) : words;
  }

  /** Each digit read on its own: "0042" -> "zero zero four two". */
  String digitByDigit(String digits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c >= '0' && c <= '9') {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(digitWords[c - '0']);
      }
    }
    return out.toString();
  }

  private String spell(String digits, String ruleSet) {
    String value = stripZeros(digits);
    if (value.length() > MAX_DIGITS) {
      return digitByDigit(digits);
    }
    String words = num2wordsStyle(clean(format.format(Long.parseLong(value), ruleSet)));
    return hasDigit(words) ? digitByDigit(digits) : words;
  }

  private String num2wordsStyle(String words) {
    return switch (language) {
      case TR -> words.replace(" ", ""); // num2words writes Turkish numbers as one word
      // num2words writes a final "one" with accents ("honderdéén"), ICU without.
      case NL -> words.endsWith("een") ? words.substring(0, words.length() - 3) + "één" : words;
      case KO -> words.equals("공") ? "영" : words; // num2words' zero is the Sino-Korean 영
      default -> words;
    };
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.isEmpty() ? "0" : digits.substring(i);
  }

  // ICU marks compound boundaries with soft hyphens (U+00AD) that would reach the tokenizer.
  private static String clean(String words) {
    return words.replace("\u00ad", "").toLowerCase(Locale.ROOT);
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
