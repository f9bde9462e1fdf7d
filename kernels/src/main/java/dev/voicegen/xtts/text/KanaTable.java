package dev.voicegen.xtts.text;

import java.util.HashMap;
import java.util.Map;

/**
 * Hiragana to Hepburn romaji, the table cutlet's "hepburn" system uses: one syllable per kana
 * (し "shi", ち "chi", つ "tsu", ふ "fu", じ and ぢ "ji"/"zi" as cutlet has them, を "wo"), the
 * small kana on their own, and the three palatal series whose consonant changes (しゃ "sha", じゃ
 * "ja", ちゃ "cha"). Other kana + small kana pairs are built by {@link JapaneseRomaji}.
 */
final class KanaTable {
  private static final Map<Character, String> SINGLE = new HashMap<>();
  private static final Map<String, String> DIGRAPHS = new HashMap<>();

  static {
    rows("あいうえお", "a i u e o");
    rows("かきくけこ", "ka ki ku ke ko");
    rows("がぎぐげご", "ga gi gu ge go");
    rows("さしすせそ", "sa shi su se so");
    rows("ざじずぜぞ", "za ji zu ze zo");
    rows("たちつてと", "ta chi tsu te to");
    rows("だぢづでど", "da zi zu de do"); // ぢ as "zi": cutlet's table
    rows("なにぬねの", "na ni nu ne no");
    rows("はひふへほ", "ha hi fu he ho");
    rows("ばびぶべぼ", "ba bi bu be bo");
    rows("ぱぴぷぺぽ", "pa pi pu pe po");
    rows("まみむめも", "ma mi mu me mo");
    rows("やゆよ", "ya yu yo");
    rows("らりるれろ", "ra ri ru re ro");
    rows("わゐゑをんゔ", "wa wi we wo n vu");
    rows("ゃゅょぁぃぅぇぉ", "ya yu yo a i u e o");
    digraphs("し", "sha shu sho");
    digraphs("じ", "ja ju jo");
    digraphs("ち", "cha chu cho");
  }

  private KanaTable() {}

  /** The romaji of one hiragana, or null for a character outside the table. */
  static String romaji(char kana) {
    return SINGLE.get(kana);
  }

  /** The romaji of a kana and a small ゃ/ゅ/ょ when the pair is irregular, else null. */
  static String digraph(char kana, char small) {
    return DIGRAPHS.get(new String(new char[] {kana, small}));
  }

  private static void rows(String kana, String romaji) {
    String[] syllables = romaji.split(" ");
    for (int i = 0; i < kana.length(); i++) {
      SINGLE.put(kana.charAt(i), syllables[i]);
    }
  }

  private static void digraphs(String kana, String romaji) {
    String[] syllables = romaji.split(" ");
    String small = "ゃゅょ";
    for (int i = 0; i < small.length(); i++) {
      DIGRAPHS.put(kana + small.charAt(i), syllables[i]);
    }
  }
}
