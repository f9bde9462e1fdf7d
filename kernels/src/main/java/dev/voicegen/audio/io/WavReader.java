package dev.voicegen.audio.io;

import dev.voicegen.audio.AudioClip;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Decodes RIFF WAVE (and RF64/BW64) files, held in memory or streamed from a file; 16-bit PCM
 * becomes a compact 16-bit {@link AudioClip}, every other encoding a float clip.
 *
 * <p>Encodings: PCM 8-bit unsigned, PCM 16/24/32-bit signed (any container-aligned bit depth),
 * IEEE float 32/64, G.711 A-law and mu-law, each either plain or as WAVE_FORMAT_EXTENSIBLE. Every
 * size read from the file is checked against the bytes actually present before anything is
 * allocated, so a hostile header can only produce an {@link AudioDecodeException}.
 */
public final class WavReader {
  static final int TAG_PCM = 0x0001;
  static final int TAG_IEEE_FLOAT = 0x0003;
  static final int TAG_ALAW = 0x0006;
  static final int TAG_MULAW = 0x0007;
  static final int TAG_EXTENSIBLE = 0xFFFE;

  /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID built from a WAVE format tag. */
  private static final byte[] GUID_TAIL = {
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
    0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };

  /** Data sizes that writers which cannot seek back (pipes) leave in the header. */
  private static final long SIZE_UNKNOWN_FFMPEG = 0xFFFFFFFFL;
  private static final long SIZE_UNKNOWN_SOX = 0x7FFFF000L;

  /** How much of a file is read to find its fmt and data chunks. */
  private static final int HEAD_BYTES = 64 * 1024;
  /** Samples are read from a file in blocks of this many bytes. */
  private static final int STREAM_BLOCK_BYTES = 1 << 20;

  private WavReader() {}

  /** The decoded fmt chunk. */
  private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits) {}

  /** Where the audio is: the format and the data chunk's byte range. */
  private record Layout(Format format, long dataStart, long dataLength) {}

  public static AudioClip decode(String source, byte[] data) throws AudioDecodeException {
    Layout layout = locate(source, data, data.length);
    return decodeSamples(source, layout.format(), data, (int) layout.dataStart(), layout.dataLength());
  }

  /**
   * Decodes a WAV file from a channel without reading it into memory first: the header is read,
   * then the samples straight into the clip (16-bit PCM into its compact form), so a long file costs
   * its decoded size only. Headers that do not fit the first {@value #HEAD_BYTES} bytes fall back to
   * reading the whole file.
   */
  static AudioClip decode(String source, FileChannel file) throws AudioDecodeException, IOException {
    long total = file.size();
    byte[] head = new byte[(int) Math.min(total, HEAD_BYTES)];
    readFully(file, 0, head, head.length);
    Layout layout = locate(source, head, total);
    if (layout == null) {
      if (total > Integer.MAX_VALUE - 8) {
        throw new AudioDecodeException(source, "WAV header too long to locate the audio in " + total + " bytes");
      }
      byte[] all = new byte[(int) total];
      readFully(file, 0, all, all.length);
      return decode(source, all);
    }
    Format format = layout.format();
    long frameCount = layout.dataLength() / format.blockAlign();
    if (frameCount == 0) {
      throw new AudioDecodeException(source, "no audio frames");
    }
    if (frameCount * format.channels() > Integer.MAX_VALUE - 8) {
      throw new AudioTooLongException(source, "too long to decode: " + frameCount + " frames");
    }
    DecodedSizeLimit.check(source, frameCount, format.channels(), format.sampleRate(),
        isPcm16(format) ? 2 : 4 + format.blockAlign() / format.channels());
    if (isPcm16(format)) {
      short[] samples = new short[(int) (frameCount * format.channels())];
      ByteBuffer block = ByteBuffer.allocate(STREAM_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      long at = layout.dataStart();
      int done = 0;
      while (done < samples.length) {
        int n = Math.min(samples.length - done, STREAM_BLOCK_BYTES / 2);
        block.clear().limit(2 * n);
        readFully(file, at, block);
        block.flip();
        block.asShortBuffer().get(samples, done, n);
        at += 2L * n;
        done += n;
      }
      return AudioClip.ofPcm16(format.sampleRate(), format.channels(), samples);
    }
    byte[] data = new byte[(int) (frameCount * format.blockAlign())];
    readFully(file, layout.dataStart(), data, data.length);
    return decodeSamples(source, format, data, 0, data.length);
  }

  private static void readFully(FileChannel file, long at, byte[] dst, int length) throws IOException {
    readFully(file, at, ByteBuffer.wrap(dst, 0, length));
  }

  private static void readFully(FileChannel file, long at, ByteBuffer dst) throws IOException {
    long pos = at;
    while (dst.hasRemaining()) {
      int n = file.read(dst, pos);
      if (n < 0) {
        throw new EOFException("file shrank while being read");
      }
      pos += n;
    }
  }

  /**
   * Walks the chunks of a file whose first bytes are {@code head} and whose length is {@code total};
   * null when a chunk header or the fmt body lies beyond {@code head} (only when head is a prefix).
   */
  private static Layout locate(String source, byte[] data, long total) throws AudioDecodeException {
    if (total < 12) {
      throw new AudioDecodeException(source, "truncated: WAV header needs 12 bytes, file has " + total);
    }
    String riff = fourCc(data, 0);
    if (riff.equals("RIFX")) {
      throw new AudioDecodeException(source, "big-endian WAV (RIFX) is not supported");
    }
    boolean rf64 = riff.equals("RF64") || riff.equals("BW64");
    if (!riff.equals("RIFF") && !rf64) {
      throw new AudioDecodeException(source, "not a WAV file (no RIFF header)");
    }
    if (!fourCc(data, 8).equals("WAVE")) {
      throw new AudioDecodeException(source, "RIFF file is not WAVE but '" + printable(fourCc(data, 8)) + "'");
    }

    Format format = null;
    long rf64DataSize = -1;
    long dataStart = -1;
    long dataLength = -1;
    long pos = 12;
    while (pos <= total - 8) {
      if (pos > data.length - 8) {
        return null;
      }
      String id = fourCc(data, (int) pos);
      long size = u32(data, (int) pos + 4);
      long bodyStart = pos + 8;
      long remaining = total - bodyStart;
      if (id.equals("data")) {
        if (rf64 && size == 0xFFFFFFFFL && rf64DataSize >= 0) {
          size = rf64DataSize;
        }
        dataStart = bodyStart;
        if (size == 0 || (size > remaining && (size == SIZE_UNKNOWN_FFMPEG || size == SIZE_UNKNOWN_SOX))) {
          // written to a pipe: the true length was never filled in, the audio runs to the end
          dataLength = remaining;
          break;
        }
        if (size > remaining) {
          throw new AudioDecodeException(
              source, "truncated: data chunk declares " + size + " bytes, " + remaining + " present");
        }
        dataLength = size;
        if (format != null) {
          break;
        }
      } else if (size > remaining) {
        throw new AudioDecodeException(
            source, "truncated: '" + printable(id) + "' chunk declares " + size + " bytes, " + remaining + " present");
      } else if (id.equals("fmt ")) {
        if (format != null) {
          throw new AudioDecodeException(source, "two fmt chunks");
        }
        if (bodyStart + size > data.length) {
          return null;
        }
        format = parseFormat(source, data, (int) bodyStart, (int) size);
        if (dataStart >= 0) {
          break;
        }
      } else if (id.equals("ds64") && rf64) {
        if (size < 16) {
          throw new AudioDecodeException(source, "ds64 chunk too short: " + size + " bytes");
        }
        if (bodyStart + 16 > data.length) {
          return null;
        }
        rf64DataSize = s64(data, (int) bodyStart + 8);
        if (rf64DataSize < 0) {
          throw new AudioDecodeException(source, "ds64 chunk declares a negative data size");
        }
      }
      // chunks are word aligned: an odd-sized chunk is followed by one pad byte
      long next = bodyStart + size + (size & 1);
      if (next > total) {
        break;
      }
      pos = next;
    }
    if (format == null) {
      throw new AudioDecodeException(source, dataStart < 0 ? "no fmt or data chunk" : "no fmt chunk before the audio data");
    }
    if (dataStart < 0) {
      throw new AudioDecodeException(source, "no data chunk");
    }
    return new Layout(format, dataStart, dataLength);
  }

  private static boolean isPcm16(Format format) {
    return format.tag() == TAG_PCM && format.bits() == 16;
  }

  private static Format parseFormat(String source, byte[] data, int at, int size) throws AudioDecodeException {
    if (size < 16) {
      throw new AudioDecodeException(source, "fmt chunk too short: " + size + " bytes");
    }
    int tag = u16(data, at);
    int channels = u16(data, at + 2);
    long sampleRate = u32(data, at + 4);
    int blockAlign = u16(data, at + 12);
    int bits = u16(data, at + 14);
    if (tag == TAG_EXTENSIBLE) {
      if (size < 40) {
        throw new AudioDecodeException(source, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short: " + size + " bytes");
      }
      int subformatTag = u16(data, at + 24);
      for (int i = 0; i < GUID_TAIL.length; i++) {
        if (data[at + 26 + i] != GUID_TAIL[i]) {
          throw new AudioDecodeException(source, "unsupported WAV encoding: WAVE_FORMAT_EXTENSIBLE with an unknown subformat GUID");
        }
      }
      tag = subformatTag;
    }
    if (channels == 0) {
      throw new AudioDecodeException(source, "fmt chunk declares zero channels");
    }
    if (sampleRate == 0) {
      throw new AudioDecodeException(source, "fmt chunk declares a zero sample rate");
    }
    if (sampleRate > Integer.MAX_VALUE) {
      throw new AudioDecodeException(source, "fmt chunk declares an impossible sample rate " + sampleRate);
    }
    int containerBits;
    switch (tag) {
      case TAG_PCM -> {
        if (bits < 1 || bits > 32) {
          throw new AudioDecodeException(source, "unsupported PCM bit depth " + bits);
        }
        containerBits = (bits + 7) / 8 * 8;
      }
      case TAG_IEEE_FLOAT -> {
        if (bits != 32 && bits != 64) {
          throw new AudioDecodeException(source, "unsupported IEEE float bit depth " + bits);
        }
        containerBits = bits;
      }
      case TAG_ALAW, TAG_MULAW -> {
        if (bits != 8) {
          throw new AudioDecodeException(source, "G.711 " + (tag == TAG_ALAW ? "A-law" : "mu-law") + " must be 8 bits, not " + bits);
        }
        containerBits = 8;
      }
      default -> throw new AudioDecodeException(
          source, String.format("unsupported WAV encoding: format tag 0x%04X%s", tag, formatName(tag)));
    }
    int expectedAlign = channels * (containerBits / 8);
    if (blockAlign != expectedAlign) {
      throw new AudioDecodeException(source, "block align " + blockAlign + " does not match "
          + channels + " channels of " + containerBits + "-bit samples (expected " + expectedAlign + ")");
    }
    return new Format(tag, channels, (int) sampleRate, blockAlign, containerBits);
  }

  private static AudioClip decodeSamples(String source, Format format, byte[] data, int start, long length)
      throws AudioDecodeException {
    // a trailing partial frame (writer cut mid-frame) is dropped, as other decoders do
    long frameCount = length / format.blockAlign();
    if (frameCount == 0) {
      throw new AudioDecodeException(source, "no audio frames");
    }
    DecodedSizeLimit.check(
        source, frameCount, format.channels(), format.sampleRate(), isPcm16(format) ? 2 : 4);
    int frames = (int) frameCount; // length <= data.length, so this fits
    int channelCount = format.channels();
    if (isPcm16(format)) {
      short[] samples = new short[frames * channelCount];
      ByteBuffer.wrap(data, start, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
      return AudioClip.ofPcm16(format.sampleRate(), channelCount, samples);
    }
    int bytesPerSample = format.bits() / 8;
    float[][] channels = new float[channelCount][frames];
    int pos = start;
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < channelCount; c++) {
        channels[c][f] = sample(format.tag(), bytesPerSample, data, pos);
        pos += bytesPerSample;
      }
    }
    return new AudioClip(format.sampleRate(), channels);
  }

  /** One sample at {@code at} scaled to full scale 1.0. */
  private static float sample(int tag, int bytes, byte[] d, int at) {
    if (tag == TAG_IEEE_FLOAT) {
      return bytes == 4
          ? Float.intBitsToFloat((int) u32(d, at))
          : (float) Double.longBitsToDouble(s64(d, at));
    }
    if (tag == TAG_MULAW) {
      return G711.mulaw(d[at]) / 32768f;
    }
    if (tag == TAG_ALAW) {
      return G711.alaw(d[at]) / 32768f;
    }
    switch (bytes) {
      case 1:
        return ((d[at] & 0xFF) - 128) / 128f;
      case 2:
        return (short) u16(d, at) / 32768f;
      case 3:
        return ((d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | d[at + 2] << 16) / 8388608f;
      default:
        return (float) ((int) u32(d, at) / 2147483648.0);
    }
  }

  /** G.711 expansion to 16-bit linear, as ITU-T G.711 and ffmpeg define it. */
  private static final class G711 {
    static int mulaw(byte code) {
      int u = ~code & 0xFF;
      int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
      return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    static int alaw(byte code) {
      int a = (code & 0xFF) ^ 0x55;
      int t = (a & 0x0F) << 4;
      int segment = (a & 0x70) >> 4;
      if (segment == 0) {
        t += 8;
      } else {
        t = (t + 0x108) << (segment - 1);
      }
      return (a & 0x80) != 0 ? t : -t;
    }
  }

  private static String formatName(int tag) {
    return switch (tag) {
      case 0x0002 -> " (Microsoft ADPCM)";
      case 0x0011 -> " (IMA ADPCM)";
      case 0x0031 -> " (GSM 6.10)";
      case 0x0050 -> " (MPEG audio)";
      case 0x0055 -> " (MP3)";
      case 0x00FF, 0x1610 -> " (AAC)";
      case 0x2000 -> " (AC-3)";
      case 0xF1AC -> " (FLAC)";
      default -> "";
    };
  }

  static String fourCc(byte[] d, int at) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (d[at + i] & 0xFF);
    }
    return new String(c);
  }

  /** A chunk id fit for an error message: non-printable bytes shown as '?'. */
  private static String printable(String id) {
    StringBuilder b = new StringBuilder();
    for (char ch : id.toCharArray()) {
      b.append(ch >= 0x20 && ch < 0x7F ? ch : '?');
    }
    return b.toString();
  }

  private static int u16(byte[] d, int at) {
    return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] d, int at) {
    return (d[at] & 0xFFL) | (d[at + 1] & 0xFFL) << 8 | (d[at + 2] & 0xFFL) << 16 | (d[at + 3] & 0xFFL) << 24;
  }

  private static long s64(byte[] d, int at) {
    return u32(d, at) | u32(d, at + 4) << 32;
  }
}
