package dev.voicegen.beam.common;

import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.manifest.RawRow;
import java.io.Serializable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A manifest row that failed: the element, the stage and the error travel together as a value.
 *
 * @param id the row id, or null when the row has no usable id
 * @param raw the raw manifest row when there is no usable id
 * @param source manifest file and row number
 * @param stage where it failed
 * @param errorClass short error kind
 * @param message what is wrong
 * @param speakerWav the reference sample, when known
 * @param language the language, when known
 */
public record FailedRow(
    String id,
    String raw,
    String source,
    Stage stage,
    String errorClass,
    String message,
    String speakerWav,
    String language)
    implements Serializable {

  public static FailedRow of(ManifestEntry entry, Stage stage, String errorClass, String message) {
    return new FailedRow(
        entry.id(),
        null,
        entry.source(),
        stage,
        errorClass,
        message,
        entry.speakerWav(),
        entry.language());
  }

  /** A row rejected while reading the manifest; keeps the raw line when the id is unusable. */
  public static FailedRow rejected(
      RawRow row, String usableId, String errorClass, String message) {
    return new FailedRow(
        usableId,
        usableId == null ? row.raw() : null,
        row.source(),
        Stage.MANIFEST,
        errorClass,
        message,
        null,
        null);
  }

  public GenericRecord toRecord() {
    return errorRecord(id, raw, source, stage.label(), errorClass, message, speakerWav, language);
  }

  /** One row of schemas/error_row.avsc; every job's failures are written through here. */
  public static GenericRecord errorRecord(
      String id,
      String raw,
      String source,
      String stage,
      String errorClass,
      String message,
      String speakerWav,
      String language) {
    GenericRecord r = new GenericData.Record(Schemas.errorRow());
    r.put("id", id);
    r.put("raw", raw);
    r.put("source", source);
    r.put("stage", stage);
    r.put("error_class", errorClass);
    r.put("message", message == null ? "" : message);
    r.put("speaker_wav", speakerWav);
    r.put("language", language);
    return r;
  }
}
