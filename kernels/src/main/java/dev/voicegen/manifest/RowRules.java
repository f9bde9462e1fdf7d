package dev.voicegen.manifest;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates raw manifest rows into {@link ManifestEntry} values; the reason a row fails is a
 * {@link RowRejection} naming the field.
 */
public final class RowRules {
  /** Ids become file names, so they are restricted (product.md, Security). */
  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public static final String[] SPEAKER_WAV_KEYS = {"speaker_wav", "speaker_audio", "audio_filepath"};

  private RowRules() {}

  /** Why a row was rejected: a short error class and a message. */
  public record RowRejection(String errorClass, String message) {}

  /** The outcome of validating one row: exactly one of entry and rejection is set. */
  public record Validated(ManifestEntry entry, RowRejection rejection) {}

  /**
   * Validates one parsed row.
   *
   * @param resolver resolves the row's sample path against the manifest's location
   */
  public static Validated validate(RawRow row, SamplePathResolver resolver) {
    if (row.fields() == null) {
      return reject("unparseable_row", row.parseError());
    }
    Map<String, String> f = row.fields();
    String id = f.get("id");
    if (isBlank(id)) {
      return reject("missing_id", "row has no 'id'");
    }
    id = id.strip();
    if (!ID_PATTERN.matcher(id).matches()) {
      return reject(
          "invalid_id",
          "id '" + abbreviate(id) + "' must match " + ID_PATTERN.pattern() + " (it names files)");
    }
    String text = f.get("text");
    if (text == null) {
      return reject("missing_text", "row '" + id + "' has no 'text'");
    }
    if (text.isBlank()) {
      return reject("empty_text", "row '" + id + "' has empty or whitespace-only text");
    }
    String sample = firstPresent(f, SPEAKER_WAV_KEYS);
    if (isBlank(sample)) {
      return reject("missing_speaker_wav", "row '" + id + "' has no 'speaker_wav'");
    }
    String language = f.get("language");
    language = isBlank(language) ? Languages.DEFAULT : language.strip().toLowerCase(Locale.ROOT);
    if (!Languages.isSupported(language)) {
      return reject(
          "unsupported_language",
          "row '" + id + "' has language '" + abbreviate(language) + "'; supported: "
              + String.join(" ", Languages.SUPPORTED));
    }
    String resolved;
    try {
      resolved = resolver.resolve(sample.strip());
    } catch (IllegalArgumentException e) {
      return reject("invalid_speaker_wav", "row '" + id + "': " + e.getMessage());
    }
    String speakerId = f.get("speaker_id");
    if (isBlank(speakerId)) {
      speakerId = speakerIdFromPath(resolved);
    } else {
      speakerId = speakerId.strip();
      if (!ID_PATTERN.matcher(speakerId).matches()) {
        return reject(
            "invalid_speaker_id",
            "row '" + id + "' has speaker_id '" + abbreviate(speakerId) + "' not matching "
                + ID_PATTERN.pattern() + " (it names folders)");
      }
    }
    return new Validated(
        new ManifestEntry(id, text, resolved, language, speakerId, row.source()), null);
  }

  /** The sample's file name without extension, reduced to the id alphabet. */
  public static String speakerIdFromPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "s" + cleaned;
    }
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }

  private static String firstPresent(Map<String, String> fields, String[] keys) {
    for (String key : keys) {
      String value = fields.get(key);
      if (!isBlank(value)) {
        return value;
      }
    }
    return null;
  }

  private static Validated reject(String errorClass, String message) {
    return new Validated(null, new RowRejection(errorClass, message));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
