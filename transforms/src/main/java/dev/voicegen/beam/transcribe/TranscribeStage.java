package dev.voicegen.beam.transcribe;

/** The transcribe job's stages, as named in error rows, summary.json and timing.log. */
public enum TranscribeStage {
  DECODE("decode"),
  TRANSCRIBE("transcribe"),
  MFCC("mfcc");

  private final String label;

  TranscribeStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
