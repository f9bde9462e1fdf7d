package dev.voicegen.manifest;

import java.util.List;
import java.util.Set;

/** The language codes XTTS v2 accepts (product.md, manifest rows). */
public final class Languages {
  public static final String DEFAULT = "en";

  public static final List<String> SUPPORTED =
      List.of(
          "en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh-cn", "ja",
          "hu", "ko", "hi");

  private static final Set<String> SUPPORTED_SET = Set.copyOf(SUPPORTED);

  private Languages() {}

  public static boolean isSupported(String code) {
    return SUPPORTED_SET.contains(code);
  }
}
