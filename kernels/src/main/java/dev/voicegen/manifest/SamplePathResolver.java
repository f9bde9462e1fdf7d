package dev.voicegen.manifest;

/** Resolves a manifest's {@code speaker_wav} value to an absolute path or URI. */
@FunctionalInterface
public interface SamplePathResolver {
  /**
   * @throws IllegalArgumentException when the value cannot name a file
   */
  String resolve(String speakerWav);
}
