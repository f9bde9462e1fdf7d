package dev.voicegen.audio.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Long 16-bit PCM WAV files of silence that cost no disk: a real header, then a hole. */
public final class SparseWav {
  private SparseWav() {}

  public static Path write(Path file, int rate, int channels, long seconds) throws IOException {
    long dataBytes = (long) rate * channels * 2 * seconds;
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes));
    h.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    h.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    h.putShort((short) (channels * 2)).putShort((short) 16);
    h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(h.array());
      f.setLength(44 + dataBytes);
    }
    return file;
  }
}
