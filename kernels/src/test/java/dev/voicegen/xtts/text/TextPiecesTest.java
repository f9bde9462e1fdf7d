package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextPiecesTest {
  private static XttsTokenizer tokenizer;

  @BeforeAll
  static void load() throws Exception {
    tokenizer = XttsTokenizer.load(XttsTokenizerTest.vocab());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void preparesNormalisedTaggedPieces() {
    List<TextPiece> pieces = TextPieces.prepare("Hello World, Mr. Smith paid $5.", "en", tokenizer);
    assertEquals(1, pieces.size());
    assertEquals("hello world, mister smith paid five dollars.", pieces.get(0).text());
    assertEquals(tokenizer.specialToken("[en]"), pieces.get(0).tokens()[0]);
    assertTrue(TextPieces.prepare(" \n ", "en", tokenizer).isEmpty());
  }

  @Test
  void keepsLongEnglishPiecesWithinLimits() {
    String text =
        "Dr. Smith bought 3 apples for $4.50 on the 2nd of May. It was 42% cheaper! ".repeat(80);
    List<TextPiece> pieces = TextPieces.prepare(text, "en", tokenizer);
    assertTrue(pieces.size() > 20);
    for (TextPiece piece : pieces) {
      assertTrue(piece.text().length() <= 250, piece.text());
      assertTrue(piece.tokenCount() < XttsTokenizer.MAX_TEXT_TOKENS);
    }
  }

  @Test
  void splitsRomanisedChineseThatOutgrowsTheTokenLimit() {
    // 82 Han characters become ~400 pinyin letters, one token each in the small vocabulary.
    String text = "张庄窗床双爽创闯撞状".repeat(60);
    List<TextPiece> pieces = TextPieces.prepare(text, "zh-cn", tokenizer);
    int tag = tokenizer.specialToken("[zh-cn]");
    boolean halved = false;
    for (TextPiece piece : pieces) {
      assertTrue(piece.tokenCount() < XttsTokenizer.MAX_TEXT_TOKENS, piece.toString());
      assertEquals(tag, piece.tokens()[0]);
      assertTrue(piece.text().matches("[a-z1-5]+"), piece.text());
      halved |= piece.text().length() < 82 * 3;
    }
    assertTrue(halved, "some piece needed halving");
  }

  @Test
  void neverFailsOnRandomUnicode() {
    Random random = new Random(20261122L);
    XttsLanguage[] languages = XttsLanguage.values();
    for (int i = 0; i < 3000; i++) {
      XttsLanguage language = languages[random.nextInt(languages.length)];
      // Mostly short strings; every 25th long enough to need splitting.
      String text = randomText(random, random.nextInt(i % 25 == 0 ? 900 : 60));
      List<TextPiece> pieces = TextPieces.prepare(text, language.code(), tokenizer);
      for (TextPiece piece : pieces) {
        int[] tokens = piece.tokens();
        assertTrue(tokens.length < XttsTokenizer.MAX_TEXT_TOKENS);
        assertEquals(tokenizer.specialToken(language.tag()), tokens[0]);
        assertTrue(piece.text().length() <= 6 * language.charLimit(), piece.text());
      }
    }
  }

  @Test
  void givesTheSameResultsFromManyThreads() throws Exception {
    List<String[]> inputs =
        List.of(
            new String[] {"en", "Mr. Smith paid $4.50 on the 2nd. Then he left!"},
            new String[] {"de", "Am 3. Mai kostete es 20,15€ & mehr."},
            new String[] {"zh-cn", "在12.5秒内，有50名士兵。"},
            new String[] {"ko", "50 명의 병사가 있었다."},
            new String[] {"ja", "こんにちは、カタカナです。"},
            new String[] {"ru", "Это будет 20.15€, г-н Иванов."});
    List<List<TextPiece>> expected = new ArrayList<>();
    for (String[] input : inputs) {
      expected.add(TextPieces.prepare(input[1], input[0], tokenizer));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<TextPiece>>> results = new ArrayList<>();
      for (int round = 0; round < 50; round++) {
        for (String[] input : inputs) {
          results.add(pool.submit(() -> TextPieces.prepare(input[1], input[0], tokenizer)));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(expected.get(i % inputs.size()), results.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // Code points from the scripts and symbols the normaliser treats specially, plus noise.
  private static String randomText(Random random, int length) {
    int[][] ranges = {
      {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {' ', '@'}, {0x00A0, 0x017F}, {0x0400, 0x045F},
      {0x0600, 0x06FF}, {0x0900, 0x097F}, {0x3000, 0x30FF}, {0x4E00, 0x4FFF}, {0xAC00, 0xAD00},
      {0xFF01, 0xFF5E}, {0x1F600, 0x1F64F}, {0xD800, 0xDFFF}, {0x0000, 0x001F}, {0x0300, 0x036F},
    };
    String specials = "$€£%&@#°.,;:!?-'\" \n\t";
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      if (random.nextInt(4) == 0) {
        out.append(specials.charAt(random.nextInt(specials.length())));
        continue;
      }
      int[] range = ranges[random.nextInt(ranges.length)];
      int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        out.append((char) cp); // a lone surrogate
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }
}
