package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.FailedRow;
import java.io.Serializable;
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

  /** The error row, in the same columns as a failed manifest row's (the file stands for the row). */
  public GenericRecord toRecord() {
    return FailedRow.errorRecord(
        file.fileName(), null, file.uri(), stage.label(), errorClass, message, null, null);
  }
}
