package dev.voicegen.beam.common;

/** Pipeline stages, as named in metrics, error rows and summary.json. */
public enum Stage {
  MANIFEST("manifest"),
  FINGERPRINT("fingerprint"),
  DECODE("decode"),
  ANALYZE("analyze"),
  OPTIMIZE("optimize"),
  PREPROCESS("preprocess"),
  SYNTHESIZE("synthesize"),
  POSTPROCESS("postprocess"),
  VERIFY("verify"),
  WRITE("write");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  /** The stage's name in metrics ({@code <label>.ok}), error rows and summaries. */
  public String label() {
    return label;
  }
}
