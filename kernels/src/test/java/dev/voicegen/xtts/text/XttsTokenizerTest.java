package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against xtts-text/vocab.json, a small vocabulary in XTTS's layout (make_vocab.py). */
class XttsTokenizerTest {
  private static XttsTokenizer tokenizer;

  static Path vocab() throws URISyntaxException {
    return Path.of(XttsTokenizerTest.class.getResource("/xtts-text/vocab.json").toURI());
  }

  @BeforeAll
  static void load() throws Exception {
    tokenizer = XttsTokenizer.load(vocab());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void exposesSpecialTokenIdsFromTheVocabulary() {
    assertEquals(0, tokenizer.stopToken());
    assertEquals(1, tokenizer.unkToken());
    assertEquals(2, tokenizer.spaceToken());
    assertEquals(153, tokenizer.startToken());
    assertEquals(151, tokenizer.specialToken("[en]"));
    assertEquals(-1, tokenizer.specialToken("[xx]"));
    assertEquals(169, tokenizer.vocabSize());
  }

  @Test
  void encodesLanguageTagAndSpacesAsSingleTokens() {
    // "[en]hello[SPACE]world": the tag, one merged token per word, [SPACE] between them.
    int[] ids = tokenizer.encode("hello world", "en");
    assertEquals(4, ids.length, Arrays.toString(ids));
    assertEquals(tokenizer.specialToken("[en]"), ids[0]);
    assertEquals(tokenizer.spaceToken(), ids[2]);
    assertTrue(ids[1] != tokenizer.unkToken() && ids[3] != tokenizer.unkToken());
    assertArrayEquals(ids, tokenizer.encode("hello world", XttsLanguage.EN));
  }

  @Test
  void usesTheZhCnTagForChinese() {
    int tag = tokenizer.specialToken("[zh-cn]");
    assertEquals(tag, tokenizer.encode("ni3hao3", "zh")[0]);
    assertEquals(tag, tokenizer.encode("ni3hao3", "zh-cn")[0]);
  }

  @Test
  void addsNoStartOrStopToken() {
    for (int id : tokenizer.encode("the end. and the start", "en")) {
      assertTrue(id != tokenizer.startToken() && id != tokenizer.stopToken(), "id " + id);
    }
    assertArrayEquals(new int[] {tokenizer.specialToken("[de]")}, tokenizer.encode("", "de"));
  }

  @Test
  void keepsTextFromSpellingSpecialTokens() {
    int[] ids = tokenizer.encode("[en] [STOP] x", "en");
    assertEquals(tokenizer.specialToken("[en]"), ids[0]);
    for (int i = 1; i < ids.length; i++) {
      assertTrue(ids[i] != tokenizer.specialToken("[en]") && ids[i] != tokenizer.stopToken());
    }
  }

  @Test
  void readsUnknownCharactersAsUnk() {
    int[] ids = tokenizer.encode("a\uD83D\uDE00b", "en");
    assertArrayEquals(
        new int[] {tokenizer.specialToken("[en]"), ids[1], tokenizer.unkToken(), ids[3]}, ids);
  }

  @Test
  void failsClearlyWithoutStop(@TempDir Path dir) throws Exception {
    Path broken = withoutToken(dir, "[STOP]");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XttsTokenizer.load(broken));
    assertEquals("vocab.json: no [STOP] token", e.getMessage());
  }

  @Test
  void failsClearlyWithoutStart(@TempDir Path dir) throws Exception {
    Path broken = withoutToken(dir, "[START]");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> XttsTokenizer.load(broken));
    assertEquals("vocab.json: no [START] token", e.getMessage());
  }

  @Test
  void failsClearlyForALanguageTheVocabularyLacks(@TempDir Path dir) throws Exception {
    try (XttsTokenizer noKorean = XttsTokenizer.load(withoutToken(dir, "[ko]"))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> noKorean.encode("annyeong", "ko"));
      assertEquals("vocab.json: no [ko] token", e.getMessage());
      assertTrue(noKorean.speaks(XttsLanguage.EN));
    }
  }

  @Test
  void failsClearlyForAMissingFile(@TempDir Path dir) {
    assertThrows(IOException.class, () -> XttsTokenizer.load(dir.resolve("vocab.json")));
  }

  // A copy of the test vocabulary without one token, in both added_tokens and the model vocab.
  private static Path withoutToken(Path dir, String token) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(vocab().toFile());
    ArrayNode added = (ArrayNode) root.get("added_tokens");
    for (Iterator<?> it = added.elements(); it.hasNext(); ) {
      if (token.equals(((ObjectNode) it.next()).get("content").asText())) {
        it.remove();
      }
    }
    ((ObjectNode) root.get("model").get("vocab")).remove(token);
    Path out = dir.resolve("vocab.json");
    json.writeValue(out.toFile(), root);
    return out;
  }
}
