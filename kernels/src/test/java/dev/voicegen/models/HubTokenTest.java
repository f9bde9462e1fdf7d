package dev.voicegen.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Hugging Face token is found, in huggingface_hub's order. */
class HubTokenTest {
  @TempDir Path home;

  private void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void theEnvironmentWinsOverTheCliTokenFile() throws IOException {
    write(home.resolve(".cache/huggingface/token"), "hf_fromFile\n");
    assertEquals("hf_env", HubToken.find(Map.of("HF_TOKEN", " hf_env "), home).orElseThrow().value());
    assertEquals("hf_old",
        HubToken.find(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_old"), home).orElseThrow().value());
    assertEquals("hf_new",
        HubToken.find(Map.of("HF_TOKEN", "hf_new", "HUGGING_FACE_HUB_TOKEN", "hf_old"), home).orElseThrow().value());
    HubToken file = HubToken.find(Map.of(), home).orElseThrow();
    assertEquals("hf_fromFile", file.value(), "the file huggingface-cli login writes, stripped");
    assertTrue(file.toString().contains(home.resolve(".cache/huggingface/token").toString()));
    assertFalse(file.toString().contains("hf_fromFile"), "never shows the value");
  }

  @Test
  void hfHomeAndXdgCacheMoveTheTokenFile() throws IOException {
    write(home.resolve("hfhome/token"), "hf_home");
    write(home.resolve("xdg/huggingface/token"), "hf_xdg");
    write(home.resolve("explicit"), "hf_path");
    assertEquals("hf_home",
        HubToken.find(Map.of("HF_HOME", home.resolve("hfhome").toString()), home).orElseThrow().value());
    assertEquals("hf_xdg",
        HubToken.find(Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()), home).orElseThrow().value());
    assertEquals("hf_path",
        HubToken.find(Map.of("HF_TOKEN_PATH", home.resolve("explicit").toString(),
            "HF_HOME", home.resolve("hfhome").toString()), home).orElseThrow().value());
  }

  @Test
  void noTokenAnywhereIsEmpty() throws IOException {
    assertTrue(HubToken.find(Map.of("HF_TOKEN", "  "), home).isEmpty());
    write(home.resolve(".cache/huggingface/token"), "\n");
    assertTrue(HubToken.find(Map.of(), home).isEmpty(), "an empty token file is no token");
  }

  @Test
  void theTokenGoesOnlyToTheHubsOwnOrigin() {
    java.net.URI hub = java.net.URI.create("https://huggingface.co");
    assertTrue(ModelHub.sameOrigin(java.net.URI.create("https://HuggingFace.co:443/x/resolve/main/a"), hub));
    assertFalse(ModelHub.sameOrigin(java.net.URI.create("https://cdn-lfs.huggingface.co/repos/a"), hub));
    assertFalse(ModelHub.sameOrigin(java.net.URI.create("http://huggingface.co/x"), hub));
    assertFalse(ModelHub.sameOrigin(java.net.URI.create("https://huggingface.co:8443/x"), hub));
  }
}
