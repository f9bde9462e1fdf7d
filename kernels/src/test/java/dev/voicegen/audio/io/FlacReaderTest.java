package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FLAC streams damaged in the ways that matter: headers, sizes, checksums. */
class FlacReaderTest {
  /** Byte offset of the STREAMINFO body: "fLaC" plus the 4-byte block header. */
  private static final int STREAMINFO = 8;

  private static byte[] fixture() {
    return AudioFixtures.bytes("flac_s16_stereo_44100.flac");
  }

  private static String error(byte[] flac) {
    return assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode("t.flac", flac)).getMessage();
  }

  /** Writes the 36-bit total sample count of STREAMINFO. */
  private static void setTotalSamples(byte[] flac, long total) {
    int at = STREAMINFO + 13;
    flac[at] = (byte) ((flac[at] & 0xF0) | (total >>> 32));
    for (int i = 0; i < 4; i++) {
      flac[at + 1 + i] = (byte) (total >>> (24 - 8 * i));
    }
  }

  @Test
  void hugeDeclaredSampleCountOnATinyFileIsRejectedWithoutAllocatingIt() {
    byte[] flac = fixture();
    setTotalSamples(flac, (1L << 36) - 1);
    assertTrue(error(flac).contains("declares 1558264 s of audio; the limit is 2 h"), error(flac));
  }

  @Test
  void aDeclaredLengthUnderTheLimitThatTheFramesDoNotHoldIsTruncation() {
    byte[] flac = fixture();
    setTotalSamples(flac, 44100L * 3600);
    assertTrue(error(flac).contains("truncated: STREAMINFO declares 158760000 samples per channel, the frames hold 6615"), error(flac));
  }

  @Test
  void hugeMetadataBlockLengthIsRejected() {
    byte[] flac = fixture();
    flac[5] = flac[6] = flac[7] = (byte) 0xFF; // STREAMINFO length 16 MB
    assertTrue(error(flac).contains("truncated: metadata block at byte 4 declares 16777215 bytes"));
  }

  @Test
  void unknownTotalSamplesStillDecodesEverything() throws Exception {
    byte[] flac = fixture();
    setTotalSamples(flac, 0); // what an encoder writing to a pipe leaves
    assertEquals(AudioDecoder.decode("a", fixture()).frames(), AudioDecoder.decode("b", flac).frames());
  }

  @Test
  void md5MismatchIsReported() {
    byte[] flac = fixture();
    flac[STREAMINFO + 20] ^= 1;
    assertTrue(error(flac).contains("does not match the MD5 in STREAMINFO"));
  }

  @Test
  void corruptFrameFailsItsCrc() {
    byte[] flac = fixture();
    flac[flac.length - 100] ^= 0x10;
    assertTrue(error(flac).contains("CRC-16 mismatch"));
  }

  @Test
  void channelCountMustMatchStreamInfo() {
    byte[] flac = fixture();
    flac[STREAMINFO + 12] ^= 0x02; // channels-1 is 3 bits starting at bit 4 of this byte
    assertTrue(error(flac).contains("channels where STREAMINFO declares"));
  }

  @Test
  void firstBlockMustBeStreamInfo() {
    byte[] flac = fixture();
    flac[4] = (byte) ((flac[4] & 0x80) | 4);
    assertTrue(error(flac).contains("first metadata block is type 4, not STREAMINFO"));
  }

  @Test
  void zeroSampleRateIsRejected() {
    byte[] flac = fixture();
    flac[STREAMINFO + 10] = 0;
    flac[STREAMINFO + 11] = 0;
    flac[STREAMINFO + 12] &= 0x0F;
    assertTrue(error(flac).contains("zero sample rate"));
  }

  @Test
  void onlyTheMarkerIsTruncatedMetadata() {
    assertTrue(error("fLaC".getBytes()).contains("truncated: the file ends inside the FLAC metadata"));
  }

  @Test
  void randomBytesAfterTheMarkerOnlyEverFailCleanly() {
    Random random = new Random(99);
    byte[] header = fixture();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 2000; i++) {
        // a valid STREAMINFO (total samples unknown) followed by garbage frames
        byte[] data = new byte[42 + random.nextInt(3000)];
        System.arraycopy(header, 0, data, 0, 42);
        for (int k = 42; k < data.length; k++) {
          data[k] = (byte) random.nextInt(256);
        }
        data[4] |= (byte) 0x80; // STREAMINFO is the last metadata block
        setTotalSamples(data, 0);
        if (random.nextBoolean()) { // a valid frame sync, so the header parser gets exercised
          data[42] = (byte) 0xFF;
          data[43] = (byte) 0xF8;
        }
        try {
          AudioDecoder.decode("garbage.flac", data);
        } catch (AudioDecodeException expected) {
          // the only acceptable failure
        }
      }
    });
  }
}
