package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tiny model's vocab.json is a real Hugging Face tokenizers file (loaded by the Rust library). */
class VocabFixtureTest {
  @Test
  void loadsWithHuggingFaceTokenizersAndKeepsSpecialTokensWhole() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    JsonNode vocab = new ObjectMapper().readTree(TinyModel.dir().resolve("vocab.json").toFile()).path("model").path("vocab");
    try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(TinyModel.dir().resolve("vocab.json"),
        Map.of("addSpecialTokens", "false"))) {
      Encoding e = tok.encode("[en]the[SPACE]quick[SPACE]fox");
      long[] ids = e.getIds();
      assertEquals(vocab.get("[en]").asLong(), ids[0]);
      assertEquals(vocab.get("[SPACE]").asLong(), ids[2]);
      assertEquals(vocab.get("the").asLong(), ids[1], "BPE merges rebuild a frequent word");
      assertTrue(ids.length < 12, "merges make fewer ids than characters");
      assertArrayEquals(new long[] {vocab.get("[de]").asLong()}, tok.encode("[de]").getIds());
    }
  }
}
