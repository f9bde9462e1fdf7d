package dev.voicegen.xtts.text;

import com.ibm.icu.text.PluralRules;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Spoken currency amounts ("$5" -> "five dollars", "20,15€" -> "zwanzig Euro und fünfzehn Cent"),
 * as Coqui's {@code _expand_currency} gets them from num2words' {@code to="currency"}: units, the
 * language's separator, cents (num2words says "zero cents" too), then, for a whole amount,
 * everything from the last of Coqui's "and" words on is cut ("twenty dollars, zero cents" ->
 * "twenty dollars"). Where num2words 0.5.10 has no such currency for a language it raises, and
 * Coqui's currency pass stops: {@link #speak} answers null for those.
 */
final class CurrencyWords {
  /** The currencies Coqui's tokenizer.py recognises by symbol, in the order it tries them. */
  enum Currency {
    GBP,
    USD,
    EUR
  }

  /**
   * Per language: number-unit joiner; num2words' separator before the cents; Coqui's
   * {@code and_equivalents} word it cuts at; whether num2words says zero cents; the currencies
   * num2words knows; unit and sub-unit names, "one|other" or, Slavic, "one|few|many".
   */
  private record Names(String joiner, String separator, String coquiAnd, boolean zeroCents,
      Set<Currency> known, Map<Currency, String[]> units) {}

  private static final Map<XttsLanguage, Names> NAMES = new EnumMap<>(XttsLanguage.class);
  private static final Set<Currency> ALL = EnumSet.allOf(Currency.class);
  private static final Set<Currency> NONE = EnumSet.noneOf(Currency.class);
  // Portuguese num2words leaves zero cents out; our own readings (hu, ar, hi, zh, ja) do too.
  private static final Set<XttsLanguage> SAYS_ZERO_CENTS = EnumSet.of(XttsLanguage.EN,
      XttsLanguage.ES, XttsLanguage.FR, XttsLanguage.DE, XttsLanguage.IT, XttsLanguage.PL,
      XttsLanguage.CS, XttsLanguage.RU, XttsLanguage.NL, XttsLanguage.TR, XttsLanguage.KO);

  static {
    put(XttsLanguage.EN, " ", ", ", ", ", ALL, "dollar|dollars", "cent|cents", "euro",
        "cent|cents", "pound sterling|pounds sterling", "penny|pence");
    put(XttsLanguage.ES, " ", " con ", " con ", EnumSet.of(Currency.USD, Currency.EUR),
        "dólar|dólares", "centavo|centavos", "euro|euros", "céntimo|céntimos", "libra|libras",
        "penique|peniques");
    put(XttsLanguage.FR, " ", " et ", " et ", ALL, "dollar|dollars", "cent|cents",
        "euro|euros", "centime|centimes", "livre|livres", "penny|pence");
    // num2words capitalises German nouns and Coqui lower-cases before, not after.
    put(XttsLanguage.DE, " ", " und ", " und ", ALL, "Dollar", "Cent", "Euro", "Cent", "Pfund",
        "Penny|Pence");
    put(XttsLanguage.IT, " ", " e ", " e ", NONE, "dollaro|dollari", "centesimo|centesimi",
        "euro", "centesimo|centesimi", "sterlina|sterline", "penny|pence");
    put(XttsLanguage.PT, " ", " e ", " e ", ALL, "dólar|dólares", "cêntimo|cêntimos",
        "euro|euros", "cêntimo|cêntimos", "libra|libras", "péni|pence");
    put(XttsLanguage.PL, " ", ", ", ", ", EnumSet.of(Currency.EUR), "dolar|dolary|dolarów",
        "cent|centy|centów", "euro", "cent|centy|centów", "funt|funty|funtów",
        "pens|pensy|pensów");
    put(XttsLanguage.CS, " ", ", ", ", ", EnumSet.of(Currency.EUR), "dolar|dolary|dolarů",
        "cent|centy|centů", "euro", "cent|centy|centů", "libra|libry|liber", "pence");
    put(XttsLanguage.RU, " ", ", ", ", ", EnumSet.of(Currency.USD, Currency.EUR),
        "доллар|доллара|долларов", "цент|цента|центов", "евро", "цент|цента|центов",
        "фунт|фунта|фунтов", "пенни");
    put(XttsLanguage.NL, " ", ", ", ", ", ALL, "dollar", "cent", "euro", "cent", "pond",
        "penny");
    put(XttsLanguage.TR, " ", ", ", ", ", NONE, "dolar", "sent", "avro", "sent", "sterlin",
        "peni");
    // Korean: "삼달러 오십센트"; Coqui's cut word ", " never occurs, so zero cents stay.
    put(XttsLanguage.KO, "", " ", ", ", EnumSet.of(Currency.USD), "달러", "센트", "유로", "센트",
        "파운드", "펜스");
    // Below, num2words has no reading Coqui could use (none for hu and hi; Saudi riyals for
    // every Arabic currency; zh and ja take other paths): our own names, every currency.
    put(XttsLanguage.HU, " ", ", ", ", ", ALL, "dollár", "cent", "euró", "cent", "font",
        "penny");
    put(XttsLanguage.AR, " ", ", ", ", ", ALL, "دولار", "سنت", "يورو", "سنت", "جنيه", "بنس");
    put(XttsLanguage.HI, " ", ", ", ", ", ALL, "डॉलर", "सेंट", "यूरो", "सेंट", "पाउंड", "पेंस");
    // Chinese and Japanese write no spaces between a number and its unit.
    put(XttsLanguage.ZH, "", "", "", ALL, "美元", "美分", "欧元", "欧分", "英镑", "便士");
    put(XttsLanguage.JA, "", "", "", ALL, "ドル", "セント", "ユーロ", "セント", "ポンド", "ペンス");
  }

  private final NumberSpeller speller;
  private final PluralRules plurals;
  private final Names names;

  CurrencyWords(XttsLanguage language) {
    this.speller = NumberSpeller.of(language);
    this.plurals = PluralRules.forLocale(language.locale());
    this.names = NAMES.get(language);
  }

  /**
   * Speaks an amount given as whole-unit digits and the digits after the separator.
   *
   * @param whole ASCII digits, possibly empty (read as zero)
   * @param cents ASCII digits after the decimal separator, possibly empty
   * @return the words, or null where num2words does not know this currency in this language
   */
  String speak(Currency currency, String whole, String cents) {
    if (!names.known().contains(currency)) {
      return null;
    }
    String wholeDigits = whole.isEmpty() ? "0" : whole;
    String[] units = names.units().get(currency);
    // "$3.5" is three dollars fifty: cents are the first two fraction digits, zero-padded.
    String centDigits = (cents + "00").substring(0, 2);
    boolean integer = cents.chars().allMatch(c -> c == '0');
    StringBuilder out = new StringBuilder();
    out.append(speller.cardinal(wholeDigits))
        .append(names.joiner())
        .append(form(units[0], wholeDigits));
    if (!(integer && !names.zeroCents())) {
      out.append(names.separator())
          .append(speller.cardinal(centDigits))
          .append(names.joiner())
          .append(form(units[1], centDigits));
    }
    String words = out.toString();
    int cut = integer && !names.coquiAnd().isEmpty() ? words.lastIndexOf(names.coquiAnd()) : -1;
    // Coqui cuts at the last "and" word even when it belongs to the number ("vinte e um").
    return cut >= 0 ? words.substring(0, cut) : words;
  }

  private String form(String forms, String digits) {
    String[] parts = forms.split("\\|");
    if (parts.length == 1) {
      return parts[0];
    }
    if (parts.length == 2) {
      // num2words: the singular for exactly one, the plural otherwise (zero included).
      return digits.replaceFirst("^0+(?=.)", "").equals("1") ? parts[0] : parts[1];
    }
    String category = digits.length() > NumberSpeller.MAX_DIGITS ? "other" : select(digits);
    return switch (category) {
      case "one" -> parts[0];
      case "few" -> parts[1];
      default -> parts[2];
    };
  }

  private String select(String digits) {
    return plurals.select(Long.parseLong(digits));
  }

  private static void put(XttsLanguage language, String joiner, String separator,
      String coquiAnd, Set<Currency> known, String usd, String usdCents, String eur,
      String eurCents, String gbp, String gbpPence) {
    Map<Currency, String[]> units = new EnumMap<>(Currency.class);
    units.put(Currency.USD, new String[] {usd, usdCents});
    units.put(Currency.EUR, new String[] {eur, eurCents});
    units.put(Currency.GBP, new String[] {gbp, gbpPence});
    NAMES.put(language, new Names(joiner, separator, coquiAnd, SAYS_ZERO_CENTS.contains(language),
        known, units));
  }
}
