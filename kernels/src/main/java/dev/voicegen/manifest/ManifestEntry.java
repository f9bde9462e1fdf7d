package dev.voicegen.manifest;

import java.io.Serializable;

/**
 * A validated manifest row.
 *
 * @param id the row id, valid under {@link RowRules#ID_PATTERN}
 * @param text the text to speak, not blank
 * @param speakerWav the reference sample, resolved against the manifest's directory
 * @param language an XTTS language code from {@link Languages}
 * @param speakerId the output partition key, valid under the id rule
 * @param source manifest file and row number, e.g. {@code manifest.csv:12}
 */
public record ManifestEntry(
    String id, String text, String speakerWav, String language, String speakerId, String source)
    implements Serializable {}
