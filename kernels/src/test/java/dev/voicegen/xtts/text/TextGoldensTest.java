package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every row of xtts-text/text-goldens.tsv (written by make_text_goldens.py from Coqui's cleaners
 * and num2words) against the Java front end, exactly. The rows Java reads differently on purpose
 * are named in {@link #EXCLUDED} with the reason; README lists them too.
 */
class TextGoldensTest {
  record Golden(String lang, String input, String expected) {
    String key() {
      return lang + "|" + input;
    }
  }

  /**
   * Rows kept out of the exact-match set, keyed "lang|input", each with why Java differs. A
   * separate test checks that each one still differs, so a fix shows up as a stale entry.
   */
  static final Map<String, String> EXCLUDED = new TreeMap<>();

  static {
    // Arabic: num2words 0.5.10 spaces "و" apart, writes "مئتانخمسون", "واحد ألف" and reads
    // "12,5" as "اثنا عشر , خمسون"; ICU's standard Arabic is kept.
    String arabic = "num2words 0.5.10 Arabic quirks; ICU's standard Arabic kept";
    exclude("ar|في عام 2024 انتقلنا.", arabic);
    exclude("ar|في الـ 12,5 ثانية.", arabic);
    exclude("ar|اتصل بـ 112 الآن.", arabic);
    exclude("ar|هناك 1001 ليلة.", arabic);
    exclude("ar|الكتاب فيه 250 صفحة.", arabic);
    exclude("ar|عمري 21 سنة.", arabic);
    exclude("ar|اشتريت 99 قلمًا.", arabic);
    // Czech: num2words says "dva tisíce", "tisíc jedna", "dvacet jedna", "dvěstě"; ICU says
    // "dvě tisíce", "jedna tisíc jeden", "dvacet jeden", "dvě stě".
    String czech = "num2words' Czech cardinals differ from ICU's in gender and spacing";
    exclude("cs|V roce 2024 jsme se stěhovali.", czech);
    exclude("cs|Je 1001 nocí.", czech);
    exclude("cs|Je mi 21 let.", czech);
    exclude("cs|Přišlo 250 lidí.", czech);
    // Chinese: pypinyin reads whole words and gives 朋友 and 妈妈 a neutral second syllable;
    // pinyin4j reads characters one by one and gives the citation tone.
    String neutral = "pypinyin's word dictionary gives a neutral tone; pinyin4j is per character";
    exclude("zh|这是我的朋友。", neutral);
    exclude("zh|妈妈做饭。", neutral);
  }

  private static void exclude(String key, String reason) {
    EXCLUDED.put(key, reason);
  }

  static List<Golden> goldens() throws IOException, URISyntaxException {
    Path tsv =
        Path.of(TextGoldensTest.class.getResource("/xtts-text/text-goldens.tsv").toURI());
    List<Golden> rows = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      assertEquals(3, f.length, "three tab-separated fields: " + line);
      rows.add(new Golden(f[0], f[1], f[2]));
    }
    return rows;
  }

  /**
   * What the Java front end makes of one input before BPE: normalised, then romanised. Korean
   * stops before romanisation, as its goldens do: hangul_romanize is not packaged here.
   */
  static String frontEnd(String input, String lang) {
    XttsLanguage language = XttsLanguage.of(lang);
    String normalized = TextNormalizer.normalize(input, language);
    return language == XttsLanguage.KO ? normalized : Romanizer.romanize(normalized, language);
  }

  @Test
  void everyLanguageHasAtLeastTwentyGoldens() throws Exception {
    Map<String, Long> counts =
        goldens().stream().collect(Collectors.groupingBy(Golden::lang, Collectors.counting()));
    for (XttsLanguage language : XttsLanguage.values()) {
      String lang = language == XttsLanguage.ZH ? "zh" : language.code();
      assertTrue(counts.getOrDefault(lang, 0L) >= 20, lang + " has " + counts.get(lang));
    }
  }

  @Test
  void javaMatchesEveryGoldenOutsideTheExclusionList() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (Golden g : goldens()) {
      if (EXCLUDED.containsKey(g.key())) {
        continue;
      }
      String actual = frontEnd(g.input(), g.lang());
      if (!actual.equals(g.expected())) {
        mismatches.add(g.lang() + "|" + g.input() + "\n   want: " + g.expected()
            + "\n   got:  " + actual);
      }
    }
    assertTrue(mismatches.isEmpty(),
        mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
  }

  @Test
  void everyExclusionIsAGoldenJavaStillReadsDifferently() throws Exception {
    Map<String, Golden> byKey =
        goldens().stream().collect(Collectors.toMap(Golden::key, g -> g, (a, b) -> a));
    for (String key : EXCLUDED.keySet()) {
      Golden g = byKey.get(key);
      assertTrue(g != null, "no golden row for exclusion " + key);
      assertTrue(!frontEnd(g.input(), g.lang()).equals(g.expected()),
          "Java now matches " + key + ": drop it from EXCLUDED and README");
    }
  }
}
