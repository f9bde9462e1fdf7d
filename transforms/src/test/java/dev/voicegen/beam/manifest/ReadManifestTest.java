package dev.voicegen.beam.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadManifestTest {
  @Test
  void samplePathsResolveAgainstTheManifestFolder() {
    assertEquals("/m/voices/a.wav", ReadManifest.resolveSample("/m/list.csv", "voices/a.wav"));
    assertEquals("/shared/a.wav", ReadManifest.resolveSample("/m/x/list.csv", "../../shared/a.wav"));
    assertEquals("/abs/a.wav", ReadManifest.resolveSample("/m/list.csv", "/abs/./a.wav"));
    assertEquals("s3://b/k/a.wav", ReadManifest.resolveSample("/m/list.csv", "s3://b/k/a.wav"));
  }
}
