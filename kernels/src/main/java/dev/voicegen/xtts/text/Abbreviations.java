package dev.voicegen.xtts.text;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Abbreviations read out in full ("mr." -> "mister"), per language. The lists are Coqui TTS's
 * {@code _abbreviations} (TTS/tts/layers/xtts/tokenizer.py), including its spellings ("misess").
 */
final class Abbreviations {
  /** One alternation per language, in Coqui's order; text is already lower-case, as in Coqui. */
  private record Rules(Pattern pattern, Map<String, String> words) {}

  private static final Map<XttsLanguage, Rules> RULES = new EnumMap<>(XttsLanguage.class);

  static {
    dotted(XttsLanguage.EN, "mrs", "misess", "mr", "mister", "dr", "doctor", "st", "saint",
        "co", "company", "jr", "junior", "maj", "major", "gen", "general", "drs", "doctors",
        "rev", "reverend", "lt", "lieutenant", "hon", "honorable", "sgt", "sergeant",
        "capt", "captain", "esq", "esquire", "ltd", "limited", "col", "colonel", "ft", "fort");
    dotted(XttsLanguage.ES, "sra", "señora", "sr", "señor", "dr", "doctor", "dra", "doctora",
        "st", "santo", "co", "compañía", "jr", "junior", "ltd", "limitada");
    dotted(XttsLanguage.FR, "mme", "madame", "mr", "monsieur", "dr", "docteur", "st", "saint",
        "co", "compagnie", "jr", "junior", "ltd", "limitée");
    dotted(XttsLanguage.DE, "fr", "frau", "dr", "doktor", "st", "sankt", "co", "firma",
        "jr", "junior");
    dotted(XttsLanguage.PT, "sra", "senhora", "sr", "senhor", "dr", "doutor", "dra", "doutora",
        "st", "santo", "co", "companhia", "jr", "júnior", "ltd", "limitada");
    dotted(XttsLanguage.IT, "sig", "signore", "dr", "dottore", "st", "santo", "co", "compagnia",
        "jr", "junior", "ltd", "limitata");
    dotted(XttsLanguage.PL, "p", "pani", "m", "pan", "dr", "doktor", "sw", "święty",
        "jr", "junior");
    dotted(XttsLanguage.CS, "dr", "doktor", "ing", "inženýr", "p", "pan");
    dotted(XttsLanguage.NL, "dhr", "de heer", "mevr", "mevrouw", "dr", "dokter",
        "jhr", "jonkheer");
    dotted(XttsLanguage.TR, "b", "bay", "byk", "büyük", "dr", "doktor");
    dotted(XttsLanguage.HU, "dr", "doktor", "b", "bácsi", "nőv", "nővér");
    // Russian abbreviations carry hyphens, not dots, and end at a word boundary.
    add(XttsLanguage.RU, "\\b%s\\b", "г-жа", "госпожа", "г-н", "господин", "д-р", "доктор");
  }

  private Abbreviations() {}

  /** Expands the language's abbreviations in lower-cased text; other languages pass through. */
  static String expand(String text, XttsLanguage language) {
    Rules rules = RULES.get(language);
    if (rules == null) {
      return text;
    }
    Matcher m = rules.pattern().matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(rules.words().get(m.group(1))));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private static void dotted(XttsLanguage language, String... pairs) {
    add(language, "\\b%s\\.", pairs);
  }

  private static void add(XttsLanguage language, String template, String... pairs) {
    Map<String, String> words = new HashMap<>();
    StringJoiner alternatives = new StringJoiner("|", "(", ")");
    for (int i = 0; i < pairs.length; i += 2) {
      words.put(pairs[i], pairs[i + 1]);
      alternatives.add(Pattern.quote(pairs[i]));
    }
    Pattern pattern =
        Pattern.compile(String.format(template, alternatives), Pattern.UNICODE_CHARACTER_CLASS);
    RULES.put(language, new Rules(pattern, words));
  }
}
