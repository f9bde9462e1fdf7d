package dev.voicegen.beam.common;

import java.io.Serializable;

/** Why a stage could not process an element. */
public record StageFailure(Stage stage, String errorClass, String message) implements Serializable {

  /** A failure from an exception: its simple class name is the error class. */
  public static StageFailure of(Stage stage, Exception e) {
    return new StageFailure(stage, e.getClass().getSimpleName(), e.getMessage());
  }
}
