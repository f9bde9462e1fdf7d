package dev.voicegen.xtts.text;

import com.ibm.icu.text.PluralRules;
import java.util.EnumMap;
import java.util.Map;

/**
 * Spoken currency amounts ("$5" -> "five dollars", "20,15€" -> "zwanzig euro und fünfzehn cent"),
 * following num2words' {@code to="currency"} as Coqui's tokenizer.py calls it: whole units, then
 * the cents joined by the language's "and" word, cents dropped when the amount is whole.
 */
final class CurrencyWords {
  /** The currencies Coqui's tokenizer.py recognises by symbol. */
  enum Currency {
    USD,
    EUR,
    GBP
  }

  /**
   * Unit and sub-unit names per currency: "one|other" or, for Slavic languages, "one|few|many".
   * The joining words are Coqui's {@code and_equivalents}; names follow num2words' CURRENCY_FORMS.
   */
  private record Names(String joiner, String and, Map<Currency, String[]> units) {}

  private static final Map<XttsLanguage, Names> NAMES = new EnumMap<>(XttsLanguage.class);

  static {
    put(XttsLanguage.EN, " ", ", ", "dollar|dollars", "cent|cents", "euro", "cent|cents",
        "pound|pounds", "penny|pence");
    put(XttsLanguage.ES, " ", " con ", "dólar|dólares", "centavo|centavos", "euro|euros",
        "céntimo|céntimos", "libra|libras", "penique|peniques");
    put(XttsLanguage.FR, " ", " et ", "dollar|dollars", "cent|cents", "euro|euros",
        "centime|centimes", "livre|livres", "penny|pence");
    put(XttsLanguage.DE, " ", " und ", "dollar", "cent", "euro", "cent", "pfund", "penny|pence");
    put(XttsLanguage.IT, " ", " e ", "dollaro|dollari", "centesimo|centesimi", "euro",
        "centesimo|centesimi", "sterlina|sterline", "penny|pence");
    put(XttsLanguage.PT, " ", " e ", "dólar|dólares", "centavo|centavos", "euro|euros",
        "cêntimo|cêntimos", "libra|libras", "péni|pence");
    put(XttsLanguage.PL, " ", ", ", "dolar|dolary|dolarów", "cent|centy|centów", "euro",
        "cent|centy|centów", "funt|funty|funtów", "pens|pensy|pensów");
    put(XttsLanguage.CS, " ", ", ", "dolar|dolary|dolarů", "cent|centy|centů", "euro",
        "cent|centy|centů", "libra|libry|liber", "pence");
    put(XttsLanguage.RU, " ", ", ", "доллар|доллара|долларов", "цент|цента|центов", "евро",
        "цент|цента|центов", "фунт|фунта|фунтов", "пенни");
    put(XttsLanguage.NL, " ", ", ", "dollar", "cent", "euro", "cent", "pond", "penny|pence");
    put(XttsLanguage.TR, " ", ", ", "dolar", "sent", "avro", "sent", "sterlin", "peni");
    put(XttsLanguage.HU, " ", ", ", "dollár", "cent", "euró", "cent", "font", "penny");
    put(XttsLanguage.AR, " ", ", ", "دولار", "سنت", "يورو", "سنت", "جنيه", "بنس");
    put(XttsLanguage.HI, " ", ", ", "डॉलर", "सेंट", "यूरो", "सेंट", "पाउंड", "पेंस");
    put(XttsLanguage.KO, " ", ", ", "달러", "센트", "유로", "센트", "파운드", "펜스");
    // Chinese and Japanese write no spaces between a number and its unit.
    put(XttsLanguage.ZH, "", "", "美元", "美分", "欧元", "欧分", "英镑", "便士");
    put(XttsLanguage.JA, "", "", "ドル", "セント", "ユーロ", "セント", "ポンド", "ペンス");
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
   * Speaks an amount given as whole-unit digits and up to two cent digits ("" for none).
   *
   * @param whole ASCII digits, possibly empty (read as zero)
   * @param cents ASCII digits after the decimal separator, possibly empty
   */
  String speak(Currency currency, String whole, String cents) {
    String wholeDigits = whole.isEmpty() ? "0" : whole;
    String[] units = names.units().get(currency);
    StringBuilder out = new StringBuilder();
    out.append(speller.cardinal(wholeDigits))
        .append(names.joiner())
        .append(form(units[0], wholeDigits));
    // "$3.5" is three dollars fifty: cents are the first two fraction digits, zero-padded.
    String centDigits = (cents + "00").substring(0, 2);
    if (!cents.isEmpty() && !centDigits.equals("00")) {
      out.append(names.and())
          .append(speller.cardinal(centDigits))
          .append(names.joiner())
          .append(form(units[1], centDigits));
    }
    return out.toString();
  }

  private String form(String forms, String digits) {
    String[] parts = forms.split("\\|");
    if (parts.length == 1) {
      return parts[0];
    }
    String category = digits.length() > NumberSpeller.MAX_DIGITS ? "other" : select(digits);
    if (parts.length == 2) {
      return category.equals("one") ? parts[0] : parts[1];
    }
    return switch (category) {
      case "one" -> parts[0];
      case "few" -> parts[1];
      default -> parts[2];
    };
  }

  private String select(String digits) {
    return plurals.select(Long.parseLong(digits));
  }

  private static void put(XttsLanguage language, String joiner, String and, String usd,
      String usdCents, String eur, String eurCents, String gbp, String gbpPence) {
    Map<Currency, String[]> units = new EnumMap<>(Currency.class);
    units.put(Currency.USD, new String[] {usd, usdCents});
    units.put(Currency.EUR, new String[] {eur, eurCents});
    units.put(Currency.GBP, new String[] {gbp, gbpPence});
    NAMES.put(language, new Names(joiner, and, units));
  }
}
