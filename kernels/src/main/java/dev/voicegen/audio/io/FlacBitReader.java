package dev.voicegen.audio.io;

/**
 * Big-endian bit reader over a byte array, for FLAC frames.
 *
 * <p>Every read is bounds-checked against the end of the array and throws {@link EndOfData}
 * rather than an index exception, so a truncated or corrupt stream always fails the same way.
 */
final class FlacBitReader {
  /** Thrown when a read would pass the end of the data. */
  static final class EndOfData extends Exception {
    private static final long serialVersionUID = 1L;

    EndOfData() {
      super(null, null, false, false); // no stack trace: it is part of normal error handling
    }
  }

  private final byte[] data;
  private final long limitBits;
  private long bitPos;

  FlacBitReader(byte[] data, int startByte) {
    this.data = data;
    this.limitBits = (long) data.length * 8;
    this.bitPos = (long) startByte * 8;
  }

  /** The byte holding the next bit; the next unread byte when aligned. */
  int bytePosition() {
    return (int) (bitPos >>> 3);
  }

  void alignToByte() {
    bitPos = (bitPos + 7) & ~7L;
  }

  void seekToByte(int position) {
    bitPos = (long) position * 8;
  }

  int remainingBytes() {
    return data.length - (int) ((bitPos + 7) >>> 3);
  }

  /** An unsigned value of {@code n} bits, 0 <= n <= 64 (n = 64 returns the raw bits). */
  long readBits(int n) throws EndOfData {
    if (n == 0) {
      return 0;
    }
    if (bitPos + n > limitBits) {
      throw new EndOfData();
    }
    long value = 0;
    int remaining = n;
    while (remaining > 0) {
      int index = (int) (bitPos >>> 3);
      int bitInByte = (int) (bitPos & 7);
      int available = 8 - bitInByte;
      int take = Math.min(available, remaining);
      int bits = ((data[index] & 0xFF) >>> (available - take)) & ((1 << take) - 1);
      value = (value << take) | bits;
      remaining -= take;
      bitPos += take;
    }
    return value;
  }

  int readInt(int n) throws EndOfData {
    return (int) readBits(n);
  }

  /** A two's complement value of {@code n} bits, 1 <= n <= 64. */
  long readSigned(int n) throws EndOfData {
    if (n == 0) {
      return 0;
    }
    long raw = readBits(n);
    return n == 64 ? raw : (raw << (64 - n)) >> (64 - n);
  }

  boolean readBit() throws EndOfData {
    return readBits(1) != 0;
  }

  /** The count of 0 bits before the next 1 bit, which is consumed; at most {@code max}. */
  long readUnary(long max) throws EndOfData, TooLong {
    long count = 0;
    while (true) {
      if (bitPos >= limitBits) {
        throw new EndOfData();
      }
      int bitInByte = (int) (bitPos & 7);
      int rest = (data[(int) (bitPos >>> 3)] << bitInByte) & 0xFF;
      if (rest != 0) {
        int zeros = Integer.numberOfLeadingZeros(rest) - 24;
        count += zeros;
        bitPos += zeros + 1;
        if (count > max) {
          throw new TooLong();
        }
        return count;
      }
      int skipped = 8 - bitInByte;
      count += skipped;
      bitPos += skipped;
      if (count > max) {
        throw new TooLong();
      }
    }
  }

  /** A unary run longer than the caller allows. */
  static final class TooLong extends Exception {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super(null, null, false, false);
    }
  }
}
