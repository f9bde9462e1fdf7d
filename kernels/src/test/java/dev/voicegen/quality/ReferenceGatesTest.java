package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate decision: which check refuses a reference, in which order, and what it says. */
class ReferenceGatesTest {
  private static ReferenceQuality measured(double speechS, Double ovrl, String vad) {
    return new ReferenceQuality(3.0, 3.5, ovrl, 3.2, speechS, vad);
  }

  private static String reason(ReferenceGates g, ReferenceQuality q) {
    return g.check("/v/a.wav", q).map(ReferenceGates.Rejection::reason).orElse("pass");
  }

  @Test
  void noSpeechComesFirstThenTooShortThenLowQuality() {
    ReferenceGates g = new ReferenceGates(2.0, 2.5);
    assertEquals("no_speech", reason(g, measured(0.0, 1.0, "silero")));
    assertEquals("reference_too_short", reason(g, measured(1.999, 1.0, "silero")));
    assertEquals("reference_low_quality", reason(g, measured(2.0, 2.499, "silero")));
    assertEquals("pass", reason(g, measured(2.0, 2.5, "silero")));
  }

  @Test
  void theMinimumItselfPasses() {
    assertEquals("pass", reason(new ReferenceGates(2.0, null), measured(2.0, null, "silero")));
    assertEquals("pass", reason(new ReferenceGates(0.0, null), measured(0.1, null, "energy")));
    // no DNSMOS option: a low score or none at all passes
    assertEquals("pass", reason(new ReferenceGates(2.0, null), measured(5.0, 1.0, "silero")));
  }

  @Test
  void zeroMinimumStillRefusesASampleWithoutSpeech() {
    assertEquals("no_speech", reason(new ReferenceGates(0.0, null), measured(0.0, null, "energy")));
  }

  @Test
  void anUnmeasuredDnsmosNeverPassesTheDnsmosGate() {
    Optional<ReferenceGates.Rejection> r = new ReferenceGates(2.0, 3.0).check("/v/a.wav", measured(4.0, null, "silero"));
    assertEquals("reference_low_quality", r.orElseThrow().reason());
    assertTrue(r.get().message().startsWith("/v/a.wav: DNSMOS could not be measured"), r.get().message());
  }

  @Test
  void messagesNameTheFileTheValueAndTheDetector() {
    ReferenceGates g = new ReferenceGates(2.0, 2.5);
    assertEquals("/v/a.wav: 0.500 s of speech (Silero VAD), under the minimum of 2.0 s (--minReferenceSpeech)",
        g.check("/v/a.wav", measured(0.5, 3.0, "silero")).orElseThrow().message());
    assertEquals("/v/a.wav: no speech found (energy VAD; Silero VAD is not installed)",
        g.check("/v/a.wav", measured(0.0, null, "energy")).orElseThrow().message());
    assertEquals("/v/a.wav: DNSMOS OVRL 2.056, under the minimum of 2.5 (--minReferenceDnsmos)",
        g.check("/v/a.wav", measured(9.3, 2.0564, "silero")).orElseThrow().message());
  }

  @Test
  void refusesSettingsThatMeanNothing() {
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(-0.1, null));
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(Double.NaN, null));
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(Double.POSITIVE_INFINITY, null));
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(2, -1.0));
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(2, 5.5));
    assertThrows(IllegalArgumentException.class, () -> new ReferenceGates(2, Double.NaN));
  }
}
