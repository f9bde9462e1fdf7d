package dev.voicegen.xtts.text;

import com.atilika.kuromoji.ipadic.Token;
import com.atilika.kuromoji.ipadic.Tokenizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Japanese in Hepburn romaji the way cutlet writes it (Coqui's {@code japanese_cleaners}), with
 * Kuromoji's IPADIC readings standing in for cutlet's MeCab/UniDic ones: every word, kanji
 * included, is read from the dictionary, so no kanji reaches the tokenizer as {@code [UNK]}.
 *
 * <p>What follows cutlet: NFKC first; kana mapped one by one with the digraph, small-kana,
 * sokuon (っ doubles the next consonant, "t" before ち) and ん ("n'" before a vowel or y) rules;
 * vowels written as the kana are (とう is "tou", no long-vowel collapsing); the particles は, へ
 * read "wa", "e" and を kept "wo"; digits and ASCII as they are; a handful of whole-word
 * exceptions ("tokyo"); a space after each word except before punctuation, suffixes and
 * conjunctive particles, after prefixes, and between a verb, auxiliary or adjective and the
 * auxiliary that follows it ("ikimasu") unless that is です; lower case at the end. Unknown
 * words that are not kana become '?' per character, as cutlet's ensure_ascii does.
 *
 * <p>What differs: IPADIC's word boundaries and readings are not always UniDic's (see README).
 * Thread-safe: Kuromoji's tokenizer is.
 */
final class JapaneseRomaji {
  // cutlet's exceptions.tsv: whole words with a customary spelling.
  private static final Map<String, String> EXCEPTIONS =
      Map.of("東京", "tokyo", "大阪", "osaka", "柔道", "judo", "弁当", "bento");

  private static final Map<String, String> PUNCTUATION =
      Map.of("。", ".", "、", ",", "「", "\"", "」", "\"", "『", "\"", "』", "\"", "・", "/");

  private static final String SMALL_KANA = "ゃゅょぁぃぅぇぉ";

  private static volatile Tokenizer tokenizer;

  private JapaneseRomaji() {}

  static String romanize(String text) {
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC);
    // MeCab, under cutlet, swallows whitespace; Kuromoji makes tokens of it.
    List<Token> words =
        tokenizer().tokenize(normalized).stream().filter(t -> !t.getSurface().isBlank()).toList();
    List<StringBuilder> out = new ArrayList<>(words.size());
    List<Boolean> spaces = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      Token word = words.get(i);
      Token next = i + 1 < words.size() ? words.get(i + 1) : null;
      String roma = word(word);
      // A verb split before a sokuon ("降っ|て"): the っ becomes the next word's consonant.
      if (!roma.isEmpty() && !out.isEmpty()) {
        StringBuilder previous = out.get(out.size() - 1);
        int last = previous.length() - 1;
        if (last >= 0 && previous.charAt(last) == 'っ') {
          previous.setCharAt(last, roma.charAt(0));
        }
      }
      out.add(new StringBuilder(roma));
      spaces.add(spaceAfter(word, next));
    }
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      joined.append(out.get(i).toString().replace("っ", ""));
      if (spaces.get(i)) {
        joined.append(' ');
      }
    }
    return joined.toString().strip().toLowerCase(Locale.ROOT);
  }

  private static String word(Token word) {
    String surface = word.getSurface();
    String exception = EXCEPTIONS.get(surface);
    if (exception != null) {
      return exception;
    }
    if (isAscii(surface)) {
      return surface;
    }
    if (!word.isKnown() || "*".equals(word.getReading())) {
      int characters = surface.codePointCount(0, surface.length());
      return isKana(surface) ? kana(toHiragana(surface)) : "?".repeat(characters);
    }
    String pos = word.getPartOfSpeechLevel1();
    if (pos.equals("記号")) {
      return PUNCTUATION.getOrDefault(surface, ""); // unknown punctuation is dropped
    }
    if (pos.equals("助詞") && "ワ".equals(word.getPronunciation())) {
      return "wa";
    }
    if (pos.equals("助詞") && "エ".equals(word.getPronunciation())) {
      return "e";
    }
    return kana(toHiragana(word.getReading()));
  }

  // cutlet's spacing rules, with IPADIC's part-of-speech names for UniDic's.
  private static boolean spaceAfter(Token word, Token next) {
    if (word.getPartOfSpeechLevel1().equals("接頭詞") || next == null) {
      return false;
    }
    String nextPos = next.getPartOfSpeechLevel1();
    // IPADIC tags ASCII punctuation (what NFKC makes of ？ and ！) as unknown nouns.
    if (nextPos.equals("記号") || next.getPartOfSpeechLevel2().equals("接尾")
        || isPunctuation(next.getSurface())) {
      return false;
    }
    if (next.getSurface().equals(",") || next.getPartOfSpeechLevel2().equals("接続助詞")) {
      return false;
    }
    if (isDigits(word.getSurface()) && isDigits(next.getSurface())) {
      return false;
    }
    String pos = word.getPartOfSpeechLevel1();
    boolean inflecting = pos.equals("動詞") || pos.equals("助動詞") || pos.equals("形容詞");
    return !(inflecting && nextPos.equals("助動詞") && !next.getSurface().equals("です"));
  }

  /** Hiragana to Hepburn, kana by kana, looking one kana either side. */
  static String kana(String hiragana) {
    StringBuilder out = new StringBuilder(hiragana.length() * 2);
    for (int i = 0; i < hiragana.length(); i++) {
      char previous = i > 0 ? hiragana.charAt(i - 1) : 0;
      char current = hiragana.charAt(i);
      char next = i + 1 < hiragana.length() ? hiragana.charAt(i + 1) : 0;
      out.append(single(previous, current, next));
    }
    return out.toString();
  }

  private static String single(char previous, char current, char next) {
    if (previous != 0 && KanaTable.digraph(previous, current) != null) {
      return KanaTable.digraph(previous, current);
    }
    if (next != 0 && KanaTable.digraph(current, next) != null) {
      return "";
    }
    if (next != 0 && SMALL_KANA.indexOf(next) >= 0) {
      if (current == 'っ') {
        return "";
      }
      String base = KanaTable.romaji(current);
      return base == null ? "" : base.substring(0, base.length() - 1) + KanaTable.romaji(next);
    }
    if (SMALL_KANA.indexOf(current) >= 0) {
      return "";
    }
    if (current == 'ー') {
      String base = previous != 0 ? KanaTable.romaji(previous) : null;
      return base != null ? base.substring(base.length() - 1) : "-";
    }
    if (current == 'っ') {
      if (next == 0) {
        return "っ"; // resolved against the next word, or dropped
      }
      if (next == 'ち') {
        return "t";
      }
      if ("あいうえおっ".indexOf(next) >= 0) {
        return "-";
      }
      String following = KanaTable.romaji(next);
      return following != null ? following.substring(0, 1) : "";
    }
    if (current == 'ん') {
      return next != 0 && "あいうえおやゆよ".indexOf(next) >= 0 ? "n'" : "n";
    }
    String romaji = KanaTable.romaji(current);
    // Iteration marks and rare kana (ゝ, ヵ, ヷ) have no syllable of their own: dropped, as
    // cutlet drops what it cannot map, rather than left for the tokenizer to read as [UNK].
    if (romaji != null) {
      return romaji;
    }
    return isKana(String.valueOf(current)) || current == 'ゝ' || current == 'ゞ' ? ""
        : String.valueOf(current);
  }

  private static String toHiragana(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Katakana ァ..ヶ sit 0x60 above their hiragana.
      out.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
    }
    return out.toString();
  }

  private static boolean isKana(String text) {
    return text.chars().allMatch(c -> (c >= 'ぁ' && c <= 'ゖ') || (c >= 'ァ' && c <= 'ヺ')
        || c == 'ー');
  }

  private static boolean isPunctuation(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> "'\".!?(),;:-".indexOf(c) >= 0);
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
  }

  private static Tokenizer tokenizer() {
    Tokenizer t = tokenizer;
    if (t == null) {
      synchronized (JapaneseRomaji.class) {
        t = tokenizer;
        if (t == null) {
          t = new Tokenizer(); // loads the IPADIC dictionary (~1 s) once per JVM
          tokenizer = t;
        }
      }
    }
    return t;
  }
}
