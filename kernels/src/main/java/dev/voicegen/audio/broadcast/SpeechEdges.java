package dev.voicegen.audio.broadcast;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechDetector;

/** Where speech starts and ends in a clip, from a speech detector, with a little padding kept. */
final class SpeechEdges {
  private SpeechEdges() {}

  /** {@code [from, to)} in frames; the whole clip when no speech is found. */
  static int[] find(AudioClip mono, SpeechDetector vad, int paddingMs) {
    boolean[] speech = vad.speechFrames(mono);
    int hop = vad.frameSamples(mono.sampleRate());
    int first = -1;
    int last = -1;
    for (int f = 0; f < speech.length; f++) {
      if (speech[f]) {
        if (first < 0) {
          first = f;
        }
        last = f;
      }
    }
    if (first < 0) {
      return new int[] {0, mono.frames()};
    }
    int pad = (int) ((long) paddingMs * mono.sampleRate() / 1000);
    int from = Math.max(0, first * hop - pad);
    int to = Math.min(mono.frames(), (last + 1) * hop + pad);
    return new int[] {from, to};
  }
}
