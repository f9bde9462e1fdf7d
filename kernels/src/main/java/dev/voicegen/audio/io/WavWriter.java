package dev.voicegen.audio.io;

import dev.voicegen.audio.AudioClip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes an {@link AudioClip} as a RIFF WAVE file: 16-bit PCM, or 32-bit IEEE float. */
public final class WavWriter {
  /** Frames converted per write, so large clips stream through a small buffer. */
  private static final int FRAMES_PER_CHUNK = 4096;

  private WavWriter() {}

  /** 16-bit PCM: samples rounded to the nearest step of 1/32768 and clipped to [-32768, 32767]. */
  public static byte[] toWav16(AudioClip clip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        44L + 2L * clip.channelCount() * clip.frames()));
    try {
      writeWav16(clip, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return out.toByteArray();
  }

  public static void writeWav16(AudioClip clip, OutputStream out) throws IOException {
    write(clip, out, WavReader.TAG_PCM, 2);
  }

  /** 32-bit IEEE float, samples unchanged (no clipping). */
  public static byte[] toWavFloat32(AudioClip clip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeWavFloat32(clip, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return out.toByteArray();
  }

  public static void writeWavFloat32(AudioClip clip, OutputStream out) throws IOException {
    write(clip, out, WavReader.TAG_IEEE_FLOAT, 4);
  }

  private static void write(AudioClip clip, OutputStream out, int tag, int bytesPerSample) throws IOException {
    int channels = clip.channelCount();
    int frames = clip.frames();
    int blockAlign = channels * bytesPerSample;
    if (blockAlign > 0xFFFF) {
      throw new IllegalArgumentException("too many channels for WAV: " + channels);
    }
    boolean pcm = tag == WavReader.TAG_PCM;
    // non-PCM formats carry an 18-byte fmt chunk (with cbSize) and a fact chunk, per the RIFF spec
    int fmtSize = pcm ? 16 : 18;
    int factSize = pcm ? 0 : 12;
    long dataSize = (long) frames * blockAlign;
    long riffSize = 4 + (8 + fmtSize) + factSize + 8 + dataSize; // blockAlign is even: no pad byte
    if (riffSize > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("clip too long for a WAV file: " + dataSize + " bytes of audio");
    }
    byte[] header = new byte[12 + 8 + fmtSize + factSize + 8];
    int p = putAscii(header, 0, "RIFF");
    p = putInt(header, p, (int) riffSize);
    p = putAscii(header, p, "WAVE");
    p = putAscii(header, p, "fmt ");
    p = putInt(header, p, fmtSize);
    p = putShort(header, p, tag);
    p = putShort(header, p, channels);
    p = putInt(header, p, clip.sampleRate());
    p = putInt(header, p, (int) ((long) clip.sampleRate() * blockAlign));
    p = putShort(header, p, blockAlign);
    p = putShort(header, p, bytesPerSample * 8);
    if (!pcm) {
      p = putShort(header, p, 0);
      p = putAscii(header, p, "fact");
      p = putInt(header, p, 4);
      p = putInt(header, p, frames);
    }
    p = putAscii(header, p, "data");
    putInt(header, p, (int) dataSize);
    out.write(header);

    byte[] buffer = new byte[FRAMES_PER_CHUNK * blockAlign];
    for (int from = 0; from < frames; from += FRAMES_PER_CHUNK) {
      int count = Math.min(FRAMES_PER_CHUNK, frames - from);
      int q = 0;
      for (int f = from; f < from + count; f++) {
        for (int c = 0; c < channels; c++) {
          float x = clip.channel(c)[f];
          q = pcm ? putShort(buffer, q, toPcm16(x)) : putInt(buffer, q, Float.floatToRawIntBits(x));
        }
      }
      out.write(buffer, 0, q);
    }
  }

  static int toPcm16(float x) {
    long s = Math.round(x * 32768.0);
    return (int) Math.max(-32768, Math.min(32767, s));
  }

  private static int putAscii(byte[] b, int p, String s) {
    for (int i = 0; i < s.length(); i++) {
      b[p + i] = (byte) s.charAt(i);
    }
    return p + s.length();
  }

  private static int putShort(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
    return p + 2;
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >> 8);
    b[p + 2] = (byte) (v >> 16);
    b[p + 3] = (byte) (v >> 24);
    return p + 4;
  }
}
