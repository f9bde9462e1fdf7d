package dev.voicegen.manifest;

import java.io.Serializable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates raw manifest rows into {@link ManifestEntry} values; the reason a row fails is a
 * {@link RowRejection} naming the field. One instance holds the job's text limit, so that the
 * scan, the second pass and {@code clone} apply the same rules.
 */
public final class RowRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Ids become file names, so they are restricted (product.md, Security); see {@link PathNames}. */
  public static final Pattern ID_PATTERN = PathNames.NAME_PATTERN;

  public static final String[] SPEAKER_WAV_KEYS = {"speaker_wav", "speaker_audio", "audio_filepath"};

  /** The keys whose value must be text; a JSON object or a non-UTF-8 binary there fails the row. */
  static final String[] TEXT_KEYS = {
    "id", "text", "speaker_wav", "speaker_audio", "audio_filepath", "language", "speaker_id"
  };

  /**
   * Default of {@code --maxTextChars} (issue 12): XTTS packs text into pieces of 200 to 273
   * characters by language (xtts-onnx.md, en 250), so 2,000 is eight pieces or more, a long
   * paragraph; a row of megabytes would hold a synthesis worker for hours.
   */
  public static final int DEFAULT_MAX_TEXT_CHARS = 2000;

  /** The rules with the default text limit. */
  public static final RowRules DEFAULT = new RowRules(DEFAULT_MAX_TEXT_CHARS);

  private final int maxTextChars;

  private RowRules(int maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  /**
   * The rules with a text limit of {@code maxTextChars} characters.
   *
   * @throws IllegalArgumentException when it is not positive
   */
  public static RowRules withMaxTextChars(int maxTextChars) {
    if (maxTextChars < 1) {
      throw new IllegalArgumentException(
          "--maxTextChars=" + maxTextChars + " must be a positive number of characters");
    }
    return new RowRules(maxTextChars);
  }

  public int maxTextChars() {
    return maxTextChars;
  }

  /** Why a row was rejected: a short error class and a message. */
  public record RowRejection(String errorClass, String message) {}

  /** The outcome of validating one row: exactly one of entry and rejection is set. */
  public record Validated(ManifestEntry entry, RowRejection rejection) {}

  /** Whether an id (or speaker id) can name output files; the writer's rule ({@link PathNames}). */
  public static boolean isValidId(String id) {
    return PathNames.isName(id);
  }

  /**
   * Validates one parsed row.
   *
   * @param resolver resolves the row's sample path against the manifest's location
   */
  public Validated validate(RawRow row, SamplePathResolver resolver) {
    if (row.fields() == null) {
      return reject("unparseable_row", row.parseError());
    }
    RowRejection wrongType = wrongType(row);
    if (wrongType != null) {
      return new Validated(null, wrongType);
    }
    Map<String, String> f = row.fields();
    String id = f.get("id");
    if (isBlank(id)) {
      return reject("missing_id", "row has no 'id'");
    }
    id = id.strip();
    if (!isValidId(id)) {
      return reject(
          "invalid_id", "id '" + abbreviate(id) + "' " + PathNames.describe() + " (it names files)");
    }
    String text = f.get("text");
    if (text == null) {
      return reject("missing_text", "row '" + id + "' has no 'text'");
    }
    RowRejection textProblem = checkText(text);
    if (textProblem != null) {
      return new Validated(
          null, new RowRejection(textProblem.errorClass(), "row '" + id + "': " + textProblem.message()));
    }
    String sample = firstPresent(f, SPEAKER_WAV_KEYS);
    if (isBlank(sample)) {
      return reject("missing_speaker_wav", "row '" + id + "' has no 'speaker_wav'");
    }
    String language = f.get("language");
    language = isBlank(language) ? Languages.DEFAULT : Languages.normalize(language);
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
      if (!isValidId(speakerId)) {
        return reject(
            "invalid_speaker_id",
            "row '" + id + "' has speaker_id '" + abbreviate(speakerId) + "' that "
                + PathNames.describe() + " (it names folders)");
      }
    }
    return new Validated(
        new ManifestEntry(id, text, resolved, language, speakerId, row.source()), null);
  }

  /**
   * The text rules, for a row's text and for {@code clone --text}: {@code text_too_long} above the
   * limit, {@code empty_text} when nothing in it is speakable ({@link SpeakableText}). Null when
   * the text passes.
   */
  public RowRejection checkText(String text) {
    long length = SpeakableText.length(text);
    if (length > maxTextChars) {
      return new RowRejection(
          "text_too_long",
          "text has " + length + " characters, more than --maxTextChars=" + maxTextChars
              + "; shorten it (split the row) or raise --maxTextChars");
    }
    if (!SpeakableText.isSpeakable(text)) {
      return new RowRejection(
          "empty_text",
          text.isBlank()
              ? "text is empty or whitespace only"
              : "text has nothing speakable (no letter or digit): '" + abbreviate(escape(text)) + "'");
    }
    return null;
  }

  /** A string key whose value is not text (a JSON object or array, binary that is not UTF-8). */
  private static RowRejection wrongType(RawRow row) {
    for (String key : TEXT_KEYS) {
      String what = row.nonText().get(key);
      if (what != null) {
        return new RowRejection(
            "wrong_type", "'" + key + "' is " + what + "; it must be a string");
      }
    }
    return null;
  }

  /** The sample's file name without extension, reduced to the id alphabet. */
  public static String speakerIdFromPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    // runs of dots would make a name the writer refuses (PathNames.stepsOut)
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", "_");
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

  /** Invisible characters as {@code \\uXXXX}, so that a message shows what the text held. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(80)
        .forEach(
            c -> {
              if (Character.isWhitespace(c) || Character.isSpaceChar(c)
                  || Character.getType(c) == Character.FORMAT || Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
