package dev.voicegen.beam.transcribe;

import dev.voicegen.audio.AudioClip;
import java.io.Serializable;

/**
 * A decoded input file on its way to Whisper.
 *
 * @param file where it came from
 * @param clip the decoded audio at its own rate and channels
 * @param decodeMs time spent reading and decoding it
 * @param speechS seconds of speech by Silero VAD, or null when it is not installed
 */
public record DecodedAudio(AudioFile file, AudioClip clip, double decodeMs, Double speechS)
    implements Serializable {

  public double durationSeconds() {
    return clip.frames() / (double) clip.sampleRate();
  }
}
