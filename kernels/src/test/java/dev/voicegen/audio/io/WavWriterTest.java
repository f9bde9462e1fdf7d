package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.audio.AudioClip;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavWriterTest {
  @Test
  void sixteenBitRoundTripIsExactForSixteenBitSamples() throws Exception {
    byte[] original = AudioFixtures.bytes("pcm_s16_stereo_44100.wav"); // sox: a plain 44-byte header
    AudioClip clip = AudioDecoder.decode("in.wav", original);
    byte[] written = WavWriter.toWav16(clip);
    assertArrayEquals(Arrays.copyOfRange(original, 44, original.length), Arrays.copyOfRange(written, 44, written.length));
    AudioClip back = AudioDecoder.decode("out.wav", written);
    assertEquals(clip.sampleRate(), back.sampleRate());
    assertArrayEquals(clip.channel(0), back.channel(0));
    assertArrayEquals(clip.channel(1), back.channel(1));
  }

  @Test
  void headerFieldsAreCanonical() {
    AudioClip clip = new AudioClip(22050, new float[][] {{0f, 0.5f, -0.5f}, {1f, -1f, 0f}});
    ByteBuffer wav = ByteBuffer.wrap(WavWriter.toWav16(clip)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(44 + 12, wav.capacity());
    assertEquals("RIFF", ascii(wav, 0));
    assertEquals(wav.capacity() - 8, wav.getInt(4));
    assertEquals("WAVEfmt ", ascii(wav, 8) + ascii(wav, 12));
    assertEquals(16, wav.getInt(16));
    assertEquals(1, wav.getShort(20)); // PCM
    assertEquals(2, wav.getShort(22));
    assertEquals(22050, wav.getInt(24));
    assertEquals(22050 * 4, wav.getInt(28));
    assertEquals(4, wav.getShort(32));
    assertEquals(16, wav.getShort(34));
    assertEquals("data", ascii(wav, 36));
    assertEquals(12, wav.getInt(40));
    assertEquals(0, wav.getShort(44));
    assertEquals(32767, wav.getShort(46)); // 1.0 clips to the largest positive sample
    assertEquals(16384, wav.getShort(48));
    assertEquals(-32768, wav.getShort(50));
  }

  @Test
  void roundsToNearestAndClips() {
    assertEquals(1, WavWriter.toPcm16(0.6f / 32768));
    assertEquals(0, WavWriter.toPcm16(0.4f / 32768));
    assertEquals(-1, WavWriter.toPcm16(-0.6f / 32768));
    assertEquals(32767, WavWriter.toPcm16(3f));
    assertEquals(-32768, WavWriter.toPcm16(-3f));
    assertEquals(0, WavWriter.toPcm16(Float.NaN));
    assertEquals(32767, WavWriter.toPcm16(Float.POSITIVE_INFINITY));
  }

  @Test
  void streamAndArrayFormsAgree() throws Exception {
    AudioClip clip = AudioClip.mono(8000, new float[] {0.1f, -0.2f, 0.3f});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavWriter.writeWav16(clip, out);
    assertArrayEquals(WavWriter.toWav16(clip), out.toByteArray());
  }

  @Test
  void float32RoundTripIsExactAndUnclipped() throws Exception {
    float[] samples = new float[10_000]; // longer than one write buffer
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) Math.sin(i * 0.01) * 1.5f;
    }
    AudioClip clip = new AudioClip(48000, new float[][] {samples, samples.clone()});
    AudioClip back = AudioDecoder.decode("f.wav", WavWriter.toWavFloat32(clip));
    assertEquals(48000, back.sampleRate());
    assertArrayEquals(samples, back.channel(0));
    assertArrayEquals(samples, back.channel(1));
  }

  private static String ascii(ByteBuffer b, int at) {
    byte[] id = new byte[4];
    b.get(at, id);
    return new String(id, StandardCharsets.US_ASCII);
  }
}
