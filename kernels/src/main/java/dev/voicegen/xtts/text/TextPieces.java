package dev.voicegen.xtts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A row's text made ready for the XTTS engine, as Coqui's {@code Xtts.inference} prepares it
 * (TTS/tts/models/xtts.py): normalised, split into pieces within the language's character limit,
 * romanised where needed, tokenised, and any piece still reaching
 * {@link XttsTokenizer#MAX_TEXT_TOKENS} split again.
 *
 * <p>Unlike Coqui, which splits the raw text, we split after normalising: limits then bound the
 * words actually spoken, and the sentence breaker no longer sees "mr." or "3.14" as sentence ends.
 */
public final class TextPieces {
  private TextPieces() {}

  /**
   * The pieces of one text, in reading order; empty when nothing speakable is left.
   *
   * @throws IllegalArgumentException for an unsupported language or one the vocabulary lacks
   */
  public static List<TextPiece> prepare(String text, String lang, XttsTokenizer tokenizer) {
    XttsLanguage language = XttsLanguage.of(lang);
    String normalized = TextNormalizer.normalize(text, language);
    List<TextPiece> pieces = new ArrayList<>();
    for (String piece : SentenceSplitter.split(normalized, language, language.charLimit())) {
      addEncoded(piece, language, tokenizer, pieces);
    }
    return pieces;
  }

  // Halves a piece until it encodes under the model's text-position limit.
  private static void addEncoded(
      String piece, XttsLanguage language, XttsTokenizer tokenizer, List<TextPiece> out) {
    String text = Romanizer.romanize(piece, language).strip();
    int[] tokens = tokenizer.encode(text, language);
    if (tokens.length < XttsTokenizer.MAX_TEXT_TOKENS || piece.length() < 4) {
      out.add(new TextPiece(text, tokens));
      return;
    }
    for (String half : SentenceSplitter.chop(piece, Math.max(2, piece.length() / 2))) {
      addEncoded(half, language, tokenizer, out);
    }
  }
}
