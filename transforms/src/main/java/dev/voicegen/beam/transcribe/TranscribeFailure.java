package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.Schemas;
import java.io.Serializable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A file that could not be transcribed, as a value: the file, the stage and the error travel
 * together and become an error row (schemas/error_row.avsc: id = file name, source = file URI).
 */
public record TranscribeFailure(
    AudioFile file, TranscribeStage stage, String errorClass, String message)
    implements Serializable {

  public static TranscribeFailure of(AudioFile file, TranscribeStage stage, Exception e) {
    return new TranscribeFailure(file, stage, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
  }

  public GenericRecord toRecord() {
    GenericRecord r = new GenericData.Record(Schemas.errorRow());
    r.put("id", file.fileName());
    r.put("raw", null);
    r.put("source", file.uri());
    r.put("stage", stage.label());
    r.put("error_class", errorClass);
    r.put("message", message == null ? "" : message);
    r.put("speaker_wav", null);
    r.put("language", null);
    return r;
  }
}
