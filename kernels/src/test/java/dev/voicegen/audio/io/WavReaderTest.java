package dev.voicegen.audio.io;

import static dev.voicegen.audio.io.AudioFixtures.le16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioFixtures.WavBuilder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** WAV headers no tool writes on purpose: odd layouts, bad fields, hostile sizes. */
class WavReaderTest {
  private static AudioClip decode(byte[] wav) throws AudioDecodeException {
    return AudioDecoder.decode("test.wav", wav);
  }

  private static String error(byte[] wav) {
    return assertThrows(AudioDecodeException.class, () -> decode(wav)).getMessage();
  }

  private static WavBuilder pcm16Mono() {
    return WavBuilder.riff().fmt(WavReader.TAG_PCM, 1, 16000, 2, 16);
  }

  @Test
  void scalesEachIntegerDepthToFullScale() throws Exception {
    byte[] u8 = WavBuilder.riff().fmt(1, 1, 8000, 1, 8).chunk("data", new byte[] {0, (byte) 128, (byte) 255}).build();
    assertArrayEquals(new float[] {-1f, 0f, 127 / 128f}, decode(u8).channel(0));

    byte[] s16 = pcm16Mono().chunk("data", le16(-32768, 0, 32767, 1)).build();
    assertArrayEquals(new float[] {-1f, 0f, 32767 / 32768f, 1 / 32768f}, decode(s16).channel(0));

    // a plain (not extensible) 24-bit PCM header, which sox and ffmpeg never write
    byte[] s24 = WavBuilder.riff().fmt(1, 1, 8000, 3, 24)
        .chunk("data", new byte[] {0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 0, 0}).build();
    assertArrayEquals(new float[] {-1f, 8388607 / 8388608f, 1 / 8388608f}, decode(s24).channel(0));

    byte[] s32 = WavBuilder.riff().fmt(1, 1, 8000, 4, 32)
        .chunk("data", new byte[] {0, 0, 0, (byte) 0x80, 0, 0, 0, 0x40}).build();
    assertArrayEquals(new float[] {-1f, 0.5f}, decode(s32).channel(0));
  }

  @Test
  void deinterleavesChannels() throws Exception {
    byte[] wav = WavBuilder.riff().fmt(1, 3, 8000, 6, 16).chunk("data", le16(1, 2, 3, 4, 5, 6)).build();
    AudioClip clip = decode(wav);
    assertEquals(3, clip.channelCount());
    assertArrayEquals(new float[] {1 / 32768f, 4 / 32768f}, clip.channel(0));
    assertArrayEquals(new float[] {3 / 32768f, 6 / 32768f}, clip.channel(2));
  }

  @Test
  void skipsUnknownChunksHonouringThePadByte() throws Exception {
    byte[] wav = WavBuilder.riff()
        .chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}) // odd size: a pad byte follows
        .fmt(1, 1, 16000, 2, 16)
        .chunk("fact", new byte[] {2, 0, 0, 0})
        .chunk("data", le16(100, -100))
        .chunk("id3 ", new byte[] {1, 2, 3})
        .build();
    assertArrayEquals(new float[] {100 / 32768f, -100 / 32768f}, decode(wav).channel(0));
  }

  @Test
  void acceptsTheDataChunkBeforeTheFmtChunk() throws Exception {
    byte[] wav = WavBuilder.riff().chunk("data", le16(7)).fmt(1, 1, 16000, 2, 16).build();
    assertArrayEquals(new float[] {7 / 32768f}, decode(wav).channel(0));
  }

  @Test
  void streamedWavsWithoutSizesUseTheRestOfTheFile() throws Exception {
    for (long placeholder : new long[] {0xFFFFFFFFL, 0L, 0x7FFFF000L}) {
      byte[] wav = pcm16Mono().chunk("data", placeholder, le16(1, 2, 3)).build();
      assertEquals(3, decode(wav).frames(), "data size " + Long.toHexString(placeholder));
    }
  }

  @Test
  void dropsATrailingPartialFrame() throws Exception {
    byte[] wav = WavBuilder.riff().fmt(1, 2, 8000, 4, 16).chunk("data", new byte[] {1, 0, 2, 0, 3, 0}).build();
    assertEquals(1, decode(wav).frames());
  }

  @Test
  void decodesExtensibleFloat() throws Exception {
    byte[] wav = WavBuilder.riff().fmtExtensible(WavReader.TAG_IEEE_FLOAT, 1, 48000, 32)
        .chunk("data", new byte[] {0, 0, (byte) 0xC0, 0x3F}).build(); // 1.5f: floats are not clipped
    assertArrayEquals(new float[] {1.5f}, decode(wav).channel(0));
  }

  @Test
  void reportsTruncatedData() {
    byte[] wav = pcm16Mono().chunk("data", 1000, le16(1, 2)).build();
    assertEquals("test.wav: truncated: data chunk declares 1000 bytes, 4 present", error(wav));
  }

  @Test
  void hugeDeclaredSizesAreRejectedWithoutAllocating() {
    // fmt and data chunks claiming ~4 GB on a file of a few dozen bytes
    byte[] hugeFmt = WavBuilder.riff().chunk("fmt ", 0xFFFFFFF0L, new byte[16]).build();
    assertTrue(error(hugeFmt).contains("truncated: 'fmt ' chunk declares 4294967280 bytes"));
    byte[] hugeData = pcm16Mono().chunk("data", 0xFFFFFFFEL, le16(1, 2)).build();
    assertTrue(error(hugeData).contains("truncated: data chunk declares 4294967294 bytes, 4 present"));
    byte[] hugeOther = pcm16Mono().chunk("LIST", 0xFFFFFFF0L, new byte[2]).build();
    assertTrue(error(hugeOther).contains("truncated: 'LIST' chunk declares"));
  }

  @Test
  void rejectsBadFmtFields() {
    assertTrue(error(WavBuilder.riff().fmt(1, 0, 8000, 0, 16).chunk("data", le16(1)).build()).contains("zero channels"));
    assertTrue(error(WavBuilder.riff().fmt(1, 1, 0, 2, 16).chunk("data", le16(1)).build()).contains("zero sample rate"));
    assertTrue(error(WavBuilder.riff().fmt(1, 2, 8000, 3, 16).chunk("data", le16(1, 2)).build())
        .contains("block align 3 does not match 2 channels of 16-bit samples (expected 4)"));
    assertTrue(error(WavBuilder.riff().fmt(1, 1, 8000, 5, 40).chunk("data", new byte[5]).build())
        .contains("unsupported PCM bit depth 40"));
    assertTrue(error(WavBuilder.riff().fmt(3, 1, 8000, 2, 16).chunk("data", le16(1)).build())
        .contains("unsupported IEEE float bit depth 16"));
    assertTrue(error(WavBuilder.riff().chunk("fmt ", new byte[10]).chunk("data", le16(1)).build())
        .contains("fmt chunk too short: 10 bytes"));
  }

  @Test
  void namesTheFormatTagOfUnsupportedEncodings() {
    byte[] adpcm = WavBuilder.riff().fmt(2, 1, 8000, 256, 4).chunk("data", new byte[256]).build();
    assertEquals("test.wav: unsupported WAV encoding: format tag 0x0002 (Microsoft ADPCM)", error(adpcm));
    byte[] unknownGuid = WavBuilder.riff().fmtExtensible(1, 1, 8000, 16).build();
    unknownGuid[unknownGuid.length - 1] ^= 1;
    assertTrue(error(unknownGuid).contains("unknown subformat GUID"));
  }

  @Test
  void rejectsMissingPieces() {
    assertEquals("test.wav: no audio frames", error(pcm16Mono().chunk("data", 0xFFFFFFFFL, new byte[0]).build()));
    assertEquals("test.wav: no audio frames", error(pcm16Mono().chunk("data", new byte[1]).build()));
    assertEquals("test.wav: no data chunk", error(pcm16Mono().build()));
    assertEquals("test.wav: no fmt or data chunk", error(WavBuilder.riff().build()));
    assertTrue(error(WavBuilder.riff().chunk("data", 0, le16(1)).build()).contains("no fmt chunk"));
    assertTrue(error("RIFF\0\0\0\0WA".getBytes()).contains("truncated: WAV header needs 12 bytes"));
    assertTrue(error("RIFF\0\0\0\0AVI LIST".getBytes()).contains("RIFF file is not WAVE but 'AVI '"));
    assertTrue(error("RIFX\0\0\0\0WAVE".getBytes()).contains("big-endian"));
  }

  @Test
  void randomGarbageAfterTheRiffHeaderOnlyEverFailsCleanly() {
    Random random = new Random(20240601);
    for (int i = 0; i < 3000; i++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      byte[] wav = WavBuilder.riff().raw(garbage).build();
      try {
        decode(wav);
      } catch (AudioDecodeException expected) {
        // the only acceptable failure
      }
    }
  }

  @Test
  void randomChunksAfterAValidFmtOnlyEverFailCleanly() {
    Random random = new Random(7);
    String[] ids = {"data", "fmt ", "LIST", "ds64", "fact"};
    for (int i = 0; i < 3000; i++) {
      WavBuilder b = WavBuilder.riff().fmt(1, 1 + random.nextInt(3), 8000, 2, 16);
      for (int k = random.nextInt(4); k >= 0; k--) {
        byte[] body = new byte[random.nextInt(40)];
        random.nextBytes(body);
        long declared = random.nextBoolean() ? body.length : random.nextInt() & 0xFFFFFFFFL;
        b.chunk(ids[random.nextInt(ids.length)], declared, body);
      }
      try {
        decode(b.build());
      } catch (AudioDecodeException expected) {
        // the only acceptable failure
      }
    }
  }
}
