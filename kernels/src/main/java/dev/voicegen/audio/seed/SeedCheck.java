package dev.voicegen.audio.seed;

/** The five checks of the seed analysis; each passed check is worth 20 points. */
public enum SeedCheck {
  /** 10 s <= speech (sum of non-silent ranges, 500 ms / -40 dBFS) <= 30 s. */
  SPEECH_DURATION("speech_duration"),
  /** Exactly one channel. */
  CHANNELS("channels"),
  /** 22050 Hz. */
  SAMPLE_RATE("sample_rate"),
  /** -30 dBFS <= loudness <= -10 dBFS. */
  LOUDNESS("loudness"),
  /** (duration - speech) / duration <= 50 %. */
  SILENCE_RATIO("silence_ratio");

  private final String key;

  SeedCheck(String key) {
    this.key = key;
  }

  /** The snake_case name used in JSON, Parquet and the Python reference. */
  public String key() {
    return key;
  }
}
