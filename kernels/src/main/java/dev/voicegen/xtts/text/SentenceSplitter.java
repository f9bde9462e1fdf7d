package dev.voicegen.xtts.text;

import com.ibm.icu.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Long text cut into pieces the model renders well: whole sentences (ICU's sentence breaks for the
 * language) packed together up to the language's character limit, as Coqui's {@code split_sentence}
 * (TTS/tts/layers/xtts/tokenizer.py). A sentence over the limit is cut at a clause mark, else at a
 * space (Coqui's textwrap), else at a character boundary, so that no piece exceeds the limit.
 * Lengths count UTF-16 chars, never fewer than Python's code points. Thread-safe.
 */
public final class SentenceSplitter {
  /** Marks after which a long sentence may be cut, when the cut keeps at least half the limit. */
  private static final String CLAUSE_MARKS = ",;:，、；：";

  private SentenceSplitter() {}

  /** Splits normalised text at the language's own limit ({@link XttsLanguage#charLimit()}). */
  public static List<String> split(String text, String lang) {
    XttsLanguage language = XttsLanguage.of(lang);
    return split(text, language, language.charLimit());
  }

  /**
   * Splits text into pieces of at most {@code limit} chars, none empty, none with outer spaces.
   *
   * @throws IllegalArgumentException when {@code limit < 2} (a surrogate pair must fit)
   */
  public static List<String> split(String text, XttsLanguage language, int limit) {
    if (limit < 2) {
      throw new IllegalArgumentException("piece limit must be at least 2 chars: " + limit);
    }
    List<String> pieces = new ArrayList<>();
    String whole = text == null ? "" : text.strip();
    if (whole.isEmpty()) {
      return pieces;
    }
    if (whole.length() <= limit) {
      pieces.add(whole);
      return pieces;
    }
    // Chinese and Japanese sentences follow each other with no space between them.
    String joiner = language == XttsLanguage.ZH || language == XttsLanguage.JA ? "" : " ";
    BreakIterator sentences = BreakIterator.getSentenceInstance(language.locale());
    sentences.setText(sentenceCased(whole));
    StringBuilder current = new StringBuilder();
    int start = sentences.first();
    for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
      String sentence = whole.substring(start, end).strip();
      start = end;
      if (sentence.isEmpty()) {
        continue;
      }
      List<String> parts = sentence.length() > limit ? chop(sentence, limit) : List.of(sentence);
      for (String part : parts) {
        if (current.length() == 0) {
          current.append(part);
        } else if (current.length() + joiner.length() + part.length() <= limit) {
          current.append(joiner).append(part);
        } else {
          pieces.add(current.toString());
          current.setLength(0);
          current.append(part);
        }
      }
    }
    if (current.length() > 0) {
      pieces.add(current.toString());
    }
    return pieces;
  }

  /**
   * The text with each letter after a full stop and a space in title case, same length. Normalised
   * text is lower-case, and ICU (Unicode's rule SB8) sees no sentence end in ". next" otherwise.
   */
  static String sentenceCased(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean afterStop = false;
    int lastMark = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        afterStop = lastMark == '.' || lastMark == '…';
      } else {
        lastMark = cp;
        if (afterStop && Character.isLowerCase(cp)) {
          int title = Character.toTitleCase(cp);
          cp = Character.charCount(title) == Character.charCount(cp) ? title : cp;
        }
        afterStop = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /**
   * Cuts one sentence into pieces of at most {@code limit} chars, preferring clause marks, then
   * spaces, then character (grapheme) boundaries; never splits a surrogate pair.
   */
  static List<String> chop(String sentence, int limit) {
    List<String> pieces = new ArrayList<>();
    String rest = sentence.strip();
    while (rest.length() > limit) {
      int cut = clauseCut(rest, limit);
      if (cut < 0) {
        cut = spaceCut(rest, limit);
      }
      if (cut <= 0) {
        cut = characterCut(rest, limit);
      }
      String head = rest.substring(0, cut).strip();
      if (!head.isEmpty()) {
        pieces.add(head);
      }
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  // Just after the last clause mark within the limit, if that keeps at least half of it.
  private static int clauseCut(String text, int limit) {
    for (int i = limit - 1; i >= limit / 2; i--) {
      if (CLAUSE_MARKS.indexOf(text.charAt(i)) >= 0) {
        return i + 1;
      }
    }
    return -1;
  }

  // At the last whitespace within the limit (it is dropped); 0 when there is none.
  private static int spaceCut(String text, int limit) {
    for (int i = limit; i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return 0;
  }

  // The last grapheme boundary within the limit; a code-point boundary inside an overlong grapheme.
  private static int characterCut(String text, int limit) {
    BreakIterator characters = BreakIterator.getCharacterInstance();
    characters.setText(text);
    int cut = characters.preceding(limit + 1);
    if (cut <= 0) {
      cut = Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit;
    }
    return cut;
  }
}
