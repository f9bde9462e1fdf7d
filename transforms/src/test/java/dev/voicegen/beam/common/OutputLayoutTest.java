package dev.voicegen.beam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutputLayoutTest {
  @Test
  void pathsStayUnderTheRoot() {
    OutputLayout layout = new OutputLayout("/data/out/");
    assertEquals("/data/out/audio/en/ann/r1.wav", layout.resolve(OutputLayout.audioPath("en", "ann", "r1", "wav")));
    assertThrows(IllegalArgumentException.class, () -> layout.resolve("../x"));
    assertThrows(IllegalArgumentException.class, () -> layout.resolve("/etc/passwd"));
    assertEquals("s3://b/o", new OutputLayout("s3://b/o/").root());
  }
}
