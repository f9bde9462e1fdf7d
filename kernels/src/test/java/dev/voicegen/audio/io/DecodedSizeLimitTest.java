package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference over the decoders' two-hour cap, or whose decoded samples would take more than half
 * of the heap, is refused from its header before anything is allocated or read.
 */
class DecodedSizeLimitTest {
  private static final long MB = 1L << 20;
  @TempDir Path dir;

  @Test
  void overTwoHoursIsRefusedFromTheHeader() throws IOException {
    // 2 h 1 min of 8 kHz mono: 116 MB, which the old decoder read and decoded as silence
    Path wav = SparseWav.write(dir.resolve("long.wav"), 8000, 1, 7260);
    AudioTooLongException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(AudioTooLongException.class, () -> AudioDecoder.decode(wav)));
    assertTrue(e.getMessage().contains("7260 s of audio, over the 2 h limit; refused before decoding"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith(wav.toString()), e.getMessage());
  }

  @Test
  void decodedSizeOverHalfTheHeapIsRefused() {
    // the case: two hours (of 44.1 kHz mono, 635 MB as 16-bit) in -Xmx512m
    AudioTooLongException e = assertThrows(AudioTooLongException.class,
        () -> DecodedSizeLimit.check("two-hours.wav", 7200L * 44100, 1, 44100, 2, 512 * MB));
    assertTrue(e.getMessage().contains("more than half of this JVM's 512 MB heap"), e.getMessage());
    assertTrue(e.getMessage().contains("605 MB decoded"), e.getMessage());
    // LongSampleMemoryIT's 10 minutes of 48 kHz stereo (115 MB) must still pass in -Xmx256m
    assertDoesNotThrow(() -> DecodedSizeLimit.check("ten.wav", 600L * 48000, 2, 48000, 2, 256 * MB));
    // float samples cost twice as much
    assertThrows(AudioTooLongException.class,
        () -> DecodedSizeLimit.check("ten.flac", 600L * 48000, 2, 48000, 4, 256 * MB));
  }
}
