package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content sniffing, file-level errors, the FFmpeg fallback, and random damage to real files. */
class AudioDecoderTest {
  @TempDir Path dir;

  private static String error(String source, byte[] data) {
    return assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(source, data)).getMessage();
  }

  private static String javaOnlyError(String source, byte[] data) {
    return assertThrows(AudioDecodeException.class, () -> AudioDecoder.decodeWavOrFlac(source, data)).getMessage();
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope.wav");
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(missing));
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void directoryIsNotAFile() {
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(dir));
    assertTrue(e.getMessage().endsWith("is a directory, not a file"));
  }

  @Test
  void emptyFile() throws Exception {
    Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(empty));
    assertEquals(empty + ": empty file (0 bytes)", e.getMessage());
  }

  @Test
  void htmlErrorPageSavedAsWav() throws Exception {
    Path html = Files.writeString(dir.resolve("voice.wav"), "<html><body>403 Forbidden</body></html>");
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(html));
    assertEquals(html + ": not an audio file (starts with bytes 3c 68 74 6d; looks like HTML or XML text)",
        e.getMessage());
    assertEquals("notes.mp3: not an audio file (starts with bytes 68 65 6c 6c; looks like text)",
        error("notes.mp3", "hello, this is not audio\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void otherFormatsAreNamedInTheJavaOnlyError() {
    assertTrue(javaOnlyError("a.mp3", new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB})
        .endsWith("not a WAV or FLAC file (starts with bytes 49 44 33 04; looks like MP3)"));
    assertTrue(javaOnlyError("a.ogg", "OggS\0\2".getBytes(StandardCharsets.US_ASCII)).contains("looks like Ogg"));
    assertTrue(javaOnlyError("a.aac", new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80}).contains("looks like AAC (ADTS)"));
    assertEquals("x: not a WAV or FLAC file (starts with bytes 01 02)", javaOnlyError("x", new byte[] {1, 2}));
  }

  @Test
  void contentNeitherJavaNorFfmpegRecognisesIsNotAudio() {
    assertEquals("a.mp3: not an audio file (starts with bytes 49 44 33 04; looks like MP3, but no WAV, FLAC or other"
        + " format FFmpeg recognises)", error("a.mp3", new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB}));
    assertEquals("x: not an audio file (starts with bytes 01 02; no WAV, FLAC or other format FFmpeg recognises)",
        error("x", new byte[] {1, 2}));
    assertEquals("a.ogg: cannot read the ogg header (FFmpeg: End of file)",
        error("a.ogg", "OggS\0\2".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void lossyFormatsGoThroughFfmpegWhateverTheirName() throws Exception {
    for (String name : new String[] {"mp3_mono_44100.mp3", "mp3_stereo_48000.mp3", "vorbis_mono_44100.ogg",
        "opus_stereo_48000.opus", "aac_stereo_48000.m4a"}) {
      AudioClip clip = AudioDecoder.decode("renamed.wav", AudioFixtures.bytes(name));
      assertEquals(AudioFixtures.reference(name).length, clip.frames() * clip.channelCount(), name);
    }
    String message = error("x.mp3", AudioFixtures.bytes("broken_mp3_truncated.mp3"));
    assertTrue(message.startsWith("x.mp3: truncated"), message);
  }

  @Test
  void flacBehindAnId3v2TagDecodes() throws Exception {
    byte[] flac = AudioFixtures.bytes("flac_s16_stereo_44100.flac");
    byte[] tag = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 20};
    byte[] tagged = new byte[tag.length + 20 + flac.length];
    System.arraycopy(tag, 0, tagged, 0, tag.length);
    System.arraycopy(flac, 0, tagged, tag.length + 20, flac.length);
    AudioClip plain = AudioDecoder.decode("plain", flac);
    AudioClip fromTagged = AudioDecoder.decode("tagged", tagged);
    assertArrayEquals(plain.channel(1), fromTagged.channel(1));
  }

  @Test
  void truncatedWav() {
    byte[] wav = AudioFixtures.bytes("pcm_s16_stereo_44100.wav");
    String message = error("cut.wav", Arrays.copyOf(wav, wav.length / 2));
    assertTrue(message.startsWith("cut.wav: truncated: data chunk declares " + (wav.length - 44) + " bytes, "), message);
    for (int length = 1; length < 60; length++) {
      byte[] cut = Arrays.copyOf(wav, length);
      assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode("cut.wav", cut), "cut at " + length);
    }
  }

  @Test
  void truncatedFlacAtEveryFewBytes() {
    for (String name : new String[] {"flac_s16_stereo_44100.flac", "flac_s24_6ch_48000_ffmpeg.flac"}) {
      byte[] flac = AudioFixtures.bytes(name);
      for (int length = 0; length < flac.length; length += 1 + length / 20) {
        byte[] cut = Arrays.copyOf(flac, length);
        String message = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode("cut.flac", cut),
            name + " cut at " + length).getMessage();
        assertTrue(length == 0 || message.contains("truncated"), message);
      }
    }
  }

  @Test
  void byteFlipsInWavFilesOnlyEverFailCleanly() {
    mutate("pcm_s16_stereo_44100.wav", 1000, 11);
    mutate("pcm_s24_3ch_44100_extensible.wav", 500, 12);
    mutate("rf64_s16_stereo_22050.wav", 500, 13);
  }

  @Test
  void byteFlipsInFlacFilesOnlyEverFailCleanly() {
    mutate("flac_s16_stereo_44100.flac", 1000, 21);
    mutate("flac_s24_mono_22050_wasted_bits.flac", 500, 22);
    mutate("flac_s16_stereo_44100_ffmpeg.flac", 500, 23);
  }

  /**
   * Flips 1 to 4 random bytes of a fixture, half the time within its first 100 bytes (the headers),
   * and decodes it: success and AudioDecodeException are fine, anything else (or a hang) fails.
   */
  private static void mutate(String name, int iterations, long seed) {
    byte[] original = AudioFixtures.bytes(name);
    Random random = new Random(seed);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int i = 0; i < iterations; i++) {
        byte[] data = original.clone();
        for (int k = random.nextInt(4); k >= 0; k--) {
          int at = random.nextBoolean() ? random.nextInt(Math.min(100, data.length)) : random.nextInt(data.length);
          data[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : data[at] ^ (1 << random.nextInt(8)));
        }
        try {
          AudioDecoder.decodeWavOrFlac(name, data); // a damaged magic number must not reach FFmpeg here
        } catch (AudioDecodeException expected) {
          // the only acceptable failure
        } catch (RuntimeException e) {
          throw new AssertionError(name + " mutation " + i + " threw " + e, e);
        }
      }
    });
  }
}
