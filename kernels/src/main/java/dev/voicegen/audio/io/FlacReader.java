package dev.voicegen.audio.io;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.FlacBitReader.EndOfData;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Decodes a native FLAC stream held in memory (written from the FLAC format specification, RFC
 * 9639, rather than wrapping jflac, so corrupt input can only end in an {@link
 * AudioDecodeException}: no console output, no loops, no stray runtime exceptions).
 *
 * <p>Supports 4 to 32 bits per sample, 1 to 8 channels, any sample rate, fixed and variable block
 * sizes. Each frame's CRC-8 and CRC-16 and, when present, the stream's MD5 are verified, so a
 * damaged file is reported rather than decoded into noise. Samples scale by 2^(bits-1).
 */
public final class FlacReader {
  /** The most frames a clip can hold: the largest Java array. */
  private static final long MAX_FRAMES = Integer.MAX_VALUE - 8;
  /** Longest stream decoded, as FfmpegDecoder's default: FLAC compresses silence so well that a
   * few kilobytes can declare hours, which must be refused before it is allocated. */
  static final long MAX_SECONDS = DecodedSizeLimit.MAX_SECONDS;

  private FlacReader() {}

  private record StreamInfo(int sampleRate, int channels, int bitsPerSample, long totalSamples, byte[] md5) {}

  public static AudioClip decode(String source, byte[] data) throws AudioDecodeException {
    return decode(source, data, 0);
  }

  /** Decodes the stream starting at {@code start} (past an ID3v2 tag, for instance). */
  static AudioClip decode(String source, byte[] data, int start) throws AudioDecodeException {
    if (data.length - start < 4 || !WavReader.fourCc(data, start).equals("fLaC")) {
      throw new AudioDecodeException(source, "not a FLAC stream (no fLaC marker)");
    }
    FlacBitReader reader = new FlacBitReader(data, start + 4);
    StreamInfo info;
    try {
      info = readMetadata(source, data, reader);
    } catch (EndOfData e) {
      throw new AudioDecodeException(source, "truncated: the file ends inside the FLAC metadata");
    }
    return new FrameDecoder(source, data, info).decodeAll(reader);
  }

  private static StreamInfo readMetadata(String source, byte[] data, FlacBitReader r)
      throws AudioDecodeException, EndOfData {
    StreamInfo info = null;
    boolean last = false;
    while (!last) {
      int blockStart = r.bytePosition();
      last = r.readBit();
      int type = r.readInt(7);
      int length = r.readInt(24);
      if (length > r.remainingBytes()) {
        throw new AudioDecodeException(source, "truncated: metadata block at byte " + blockStart
            + " declares " + length + " bytes, " + r.remainingBytes() + " present");
      }
      if (type == 127) {
        throw new AudioDecodeException(source, "invalid metadata block type 127 at byte " + blockStart);
      }
      if (info == null && type != 0) {
        throw new AudioDecodeException(source, "first metadata block is type " + type + ", not STREAMINFO");
      }
      int bodyStart = r.bytePosition();
      if (type == 0) {
        if (info != null) {
          throw new AudioDecodeException(source, "two STREAMINFO blocks");
        }
        if (length < 34) {
          throw new AudioDecodeException(source, "STREAMINFO block too short: " + length + " bytes");
        }
        r.readBits(16 + 16 + 24); // block and frame size bounds: not needed to decode
        r.readBits(24);
        int sampleRate = r.readInt(20);
        int channels = r.readInt(3) + 1;
        int bits = r.readInt(5) + 1;
        long total = r.readBits(36);
        byte[] md5 = Arrays.copyOfRange(data, r.bytePosition(), r.bytePosition() + 16);
        if (sampleRate == 0) {
          throw new AudioDecodeException(source, "STREAMINFO declares a zero sample rate");
        }
        if (bits < 4) {
          throw new AudioDecodeException(source, "STREAMINFO declares " + bits + " bits per sample (minimum 4)");
        }
        info = new StreamInfo(sampleRate, channels, bits, total, md5);
      }
      r.seekToByte(bodyStart + length);
    }
    return info;
  }

  /** Decodes the frames of one stream, collecting samples into growing per-channel arrays. */
  private static final class FrameDecoder {
    private final String source;
    private final byte[] data;
    private final StreamInfo info;
    private final double scale;
    private final int bytesPerSample;
    private final MessageDigest md5;
    /** Per-channel floats, or null for a 16-bit stream, which is collected interleaved in {@code pcm}. */
    private float[][] out;
    private short[] pcm;
    private int capacity;
    private int frames;
    private long[][] block = new long[0][];
    private byte[] md5Buffer = new byte[0];

    FrameDecoder(String source, byte[] data, StreamInfo info) {
      this.source = source;
      this.data = data;
      this.info = info;
      this.scale = Math.scalb(1.0, -(info.bitsPerSample() - 1));
      this.bytesPerSample = (info.bitsPerSample() + 7) / 8;
      this.md5 = isAllZero(info.md5()) ? null : newMd5();
      // sized from the declared length but never beyond what the file's bytes could plausibly hold
      long declared = info.totalSamples() > 0 ? info.totalSamples() : 4096;
      int initial = (int) Math.min(declared, Math.max(4096, data.length));
      if (info.bitsPerSample() == 16) {
        this.pcm = new short[initial * info.channels()];
      } else {
        this.out = new float[info.channels()][initial];
      }
      this.capacity = initial;
    }

    AudioClip decodeAll(FlacBitReader r) throws AudioDecodeException {
      long declared = info.totalSamples();
      if (declared > MAX_SECONDS * info.sampleRate()) {
        throw new AudioTooLongException(
            source, "declares " + declared / info.sampleRate() + " s of audio; the limit is 2 h");
      }
      if (declared > 0) {
        DecodedSizeLimit.check(source, declared, info.channels(), info.sampleRate(),
            info.bitsPerSample() == 16 ? 2 : 4);
      }
      while (r.remainingBytes() > 0 && (declared == 0 || frames < declared)) {
        int at = r.bytePosition();
        if (declared == 0 && r.remainingBytes() >= 3 && r.remainingBytes() <= 128
            && data[at] == 'T' && data[at + 1] == 'A' && data[at + 2] == 'G') {
          break; // an ID3v1 tag appended after the audio
        }
        try {
          decodeFrame(r, at);
        } catch (EndOfData e) {
          throw new AudioDecodeException(source, "truncated: the file ends inside the frame at byte " + at);
        }
      }
      if (frames == 0) {
        throw new AudioDecodeException(source, "no audio frames");
      }
      if (declared != 0 && frames < declared) {
        throw new AudioDecodeException(source, "truncated: STREAMINFO declares " + declared
            + " samples per channel, the frames hold " + frames);
      }
      if (md5 != null && !MessageDigest.isEqual(md5.digest(), info.md5())) {
        throw new AudioDecodeException(source, "decoded audio does not match the MD5 in STREAMINFO (corrupt file)");
      }
      if (pcm != null) {
        int n = frames * info.channels();
        short[] samples = pcm.length == n ? pcm : Arrays.copyOf(pcm, n);
        return AudioClip.ofPcm16(info.sampleRate(), info.channels(), samples);
      }
      float[][] channels = new float[out.length][];
      for (int c = 0; c < out.length; c++) {
        channels[c] = out[c].length == frames ? out[c] : Arrays.copyOf(out[c], frames);
      }
      return new AudioClip(info.sampleRate(), channels);
    }

    private void decodeFrame(FlacBitReader r, int start) throws AudioDecodeException, EndOfData {
      if (r.readInt(15) != 0x7FFC) {
        throw error(start, "no frame sync code (corrupt data or not FLAC audio)");
      }
      r.readBit(); // blocking strategy: fixed or variable block size, decoding is the same
      int blockSizeCode = r.readInt(4);
      int rateCode = r.readInt(4);
      int channelCode = r.readInt(4);
      int sizeCode = r.readInt(3);
      if (r.readBit()) {
        throw error(start, "reserved header bit set");
      }
      readCodedNumber(r, start);
      int blockSize = switch (blockSizeCode) {
        case 0 -> throw error(start, "reserved block size code 0");
        case 1 -> 192;
        case 2, 3, 4, 5 -> 576 << (blockSizeCode - 2);
        case 6 -> r.readInt(8) + 1;
        case 7 -> r.readInt(16) + 1;
        default -> 256 << (blockSizeCode - 8);
      };
      switch (rateCode) {
        case 12 -> r.readBits(8);
        case 13, 14 -> r.readBits(16);
        case 15 -> throw error(start, "invalid sample rate code 15");
        default -> { } // the rate in STREAMINFO is the one used
      }
      int headerEnd = r.bytePosition();
      if (r.readInt(8) != FlacCrc.crc8(data, start, headerEnd)) {
        throw error(start, "frame header CRC-8 mismatch (corrupt data)");
      }
      int channels = channelCode < 8 ? channelCode + 1 : 2;
      if (channelCode > 10) {
        throw error(start, "reserved channel assignment " + channelCode);
      }
      if (channels != info.channels()) {
        throw error(start, channels + " channels where STREAMINFO declares " + info.channels());
      }
      int bits = switch (sizeCode) {
        case 0 -> info.bitsPerSample();
        case 1 -> 8;
        case 2 -> 12;
        case 4 -> 16;
        case 5 -> 20;
        case 6 -> 24;
        case 7 -> 32;
        default -> throw error(start, "reserved sample size code " + sizeCode);
      };
      if (bits != info.bitsPerSample()) {
        throw error(start, bits + " bits per sample where STREAMINFO declares " + info.bitsPerSample());
      }
      if (info.totalSamples() != 0 && frames + (long) blockSize > info.totalSamples()) {
        throw error(start, "holds samples past the " + info.totalSamples() + " STREAMINFO declares");
      }
      if ((frames + (long) blockSize) * info.channels() > MAX_FRAMES && pcm != null
          || frames + (long) blockSize > MAX_FRAMES) {
        throw new AudioTooLongException(source, "too long to decode into memory");
      }
      if (frames + (long) blockSize > MAX_SECONDS * info.sampleRate()) {
        throw new AudioTooLongException(source, "longer than the 2 h limit");
      }

      if (block.length != channels || block[0].length < blockSize) {
        block = new long[channels][blockSize];
      }
      for (int c = 0; c < channels; c++) {
        boolean side = (channelCode == 8 || channelCode == 10) ? c == 1 : channelCode == 9 && c == 0;
        try {
          FlacSubframes.decode(r, block[c], blockSize, bits + (side ? 1 : 0));
        } catch (FlacSubframes.Corrupt e) {
          throw error(start, e.getMessage());
        }
      }
      r.alignToByte();
      int frameEnd = r.bytePosition();
      if (r.readInt(16) != FlacCrc.crc16(data, start, frameEnd)) {
        throw error(start, "frame CRC-16 mismatch (corrupt data)");
      }
      decorrelate(channelCode, blockSize);
      append(blockSize);
    }

    /** Frame or sample number, UTF-8 style: its value is not needed, its length is. */
    private void readCodedNumber(FlacBitReader r, int start) throws AudioDecodeException, EndOfData {
      int first = r.readInt(8);
      int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2
          : first < 0xF8 ? 3 : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
      if (extra < 0) {
        throw error(start, "invalid frame number encoding");
      }
      for (int i = 0; i < extra; i++) {
        if ((r.readInt(8) & 0xC0) != 0x80) {
          throw error(start, "invalid frame number encoding");
        }
      }
    }

    private void decorrelate(int channelCode, int n) {
      long[] a = block[0];
      long[] b = block.length > 1 ? block[1] : null;
      switch (channelCode) {
        case 8 -> { // left, side
          for (int i = 0; i < n; i++) {
            b[i] = a[i] - b[i];
          }
        }
        case 9 -> { // side, right
          for (int i = 0; i < n; i++) {
            a[i] += b[i];
          }
        }
        case 10 -> { // mid, side
          for (int i = 0; i < n; i++) {
            long mid = (a[i] << 1) | (b[i] & 1);
            long side = b[i];
            a[i] = (mid + side) >> 1;
            b[i] = (mid - side) >> 1;
          }
        }
        default -> { } // independent channels
      }
    }

    private void append(int n) {
      int channels = block.length;
      if (frames + n > capacity) {
        long grown = Math.max(frames + (long) n, capacity * 2L);
        if (info.totalSamples() > 0) {
          grown = Math.max(frames + (long) n, Math.min(grown, info.totalSamples())); // never past the end
        }
        capacity = (int) Math.min(MAX_FRAMES / channels, grown);
        if (pcm != null) {
          pcm = Arrays.copyOf(pcm, capacity * channels);
        } else {
          for (int c = 0; c < channels; c++) {
            out[c] = Arrays.copyOf(out[c], capacity);
          }
        }
      }
      if (pcm != null) {
        for (int c = 0; c < channels; c++) {
          long[] samples = block[c];
          for (int i = 0, at = frames * channels + c; i < n; i++, at += channels) {
            pcm[at] = (short) samples[i];
          }
        }
      } else {
        appendFloats(n);
      }
      if (md5 != null) {
        updateMd5(n);
      }
      frames += n;
    }

    private void appendFloats(int n) {
      int channels = block.length;
      for (int c = 0; c < channels; c++) {
        long[] samples = block[c];
        float[] target = out[c];
        for (int i = 0; i < n; i++) {
          target[frames + i] = (float) (samples[i] * scale);
        }
      }
    }

    /** The MD5 covers the samples interleaved, little-endian, in whole bytes per sample. */
    private void updateMd5(int n) {
      int channels = block.length;
      int size = n * channels * bytesPerSample;
      if (md5Buffer.length < size) {
        md5Buffer = new byte[size];
      }
      int p = 0;
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < channels; c++) {
          long s = block[c][i];
          for (int k = 0; k < bytesPerSample; k++) {
            md5Buffer[p++] = (byte) (s >> (8 * k));
          }
        }
      }
      md5.update(md5Buffer, 0, size);
    }

    AudioDecodeException error(int frameStart, String problem) {
      return new AudioDecodeException(source, "frame at byte " + frameStart + ": " + problem);
    }
  }

  private static boolean isAllZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
  }
}
