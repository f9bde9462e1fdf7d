package dev.voicegen.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Hugging Face access token a gated download needs, found where Hugging Face's own tools look
 * (huggingface_hub's constants): {@code HF_TOKEN}, then the older {@code HUGGING_FACE_HUB_TOKEN},
 * then the file {@code huggingface-cli login} writes: {@code HF_TOKEN_PATH}, else {@code
 * $HF_HOME/token}, else {@code $XDG_CACHE_HOME/huggingface/token}, else {@code
 * ~/.cache/huggingface/token}. The value is never logged: {@link #toString} names only its origin.
 *
 * @param value the token
 * @param origin where it came from, for messages
 */
public record HubToken(String value, String origin) {

  /** How to give a token, for error messages. */
  public static final String HOW =
      "set HF_TOKEN=<token from https://huggingface.co/settings/tokens> or run 'huggingface-cli"
          + " login' (it writes ~/.cache/huggingface/token)";

  /** The token of this process's environment and home directory, if any. */
  public static Optional<HubToken> find() {
    return find(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * @param env environment variables
   * @param home the user's home directory
   */
  public static Optional<HubToken> find(Map<String, String> env, Path home) {
    for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return Optional.of(new HubToken(v.strip(), "$" + name));
      }
    }
    Path file = tokenFile(env, home);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String v = Files.readString(file, StandardCharsets.UTF_8).strip();
      return v.isEmpty() ? Optional.empty() : Optional.of(new HubToken(v, file.toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Path tokenFile(Map<String, String> env, Path home) {
    if (nonBlank(env.get("HF_TOKEN_PATH"))) {
      return Path.of(env.get("HF_TOKEN_PATH"));
    }
    if (nonBlank(env.get("HF_HOME"))) {
      return Path.of(env.get("HF_HOME"), "token");
    }
    Path cache =
        nonBlank(env.get("XDG_CACHE_HOME")) ? Path.of(env.get("XDG_CACHE_HOME")) : home.resolve(".cache");
    return cache.resolve("huggingface").resolve("token");
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  @Override
  public String toString() {
    return "token from " + origin;
  }
}
