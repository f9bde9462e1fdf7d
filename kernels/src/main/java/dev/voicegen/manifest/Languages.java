package dev.voicegen.manifest;

import java.util.List;
import java.util.Locale;
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

  /**
   * A language as given (manifest row, {@code clone --language}) in the form the engines and the
   * output paths use: stripped and lower-case, so {@code EN} and {@code zh-CN} are accepted as
   * {@code en} and {@code zh-cn} by every command alike. Check the result with {@link
   * #isSupported}.
   */
  public static String normalize(String given) {
    return given.strip().toLowerCase(Locale.ROOT);
  }
}
