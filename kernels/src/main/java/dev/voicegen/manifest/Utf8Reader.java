package dev.voicegen.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Decodes UTF-8 one character at a time, with one character of lookahead, and knows the byte
 * offset of the next unread character, so that a manifest can be read again from the start of any
 * record. A malformed byte reads as U+FFFD.
 */
final class Utf8Reader extends Reader {
  private static final int REPLACEMENT = 0xFFFD;
  private static final int NONE = -2;
  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int length;
  private int next;
  private long position;
  /** The low half of a surrogate pair still to be returned. */
  private int pendingLow = -1;
  /** The character {@link #peek} looked at, or NONE. */
  private int peeked = NONE;
  /** Byte offset of the peeked character. */
  private long peekedAt;

  /** @param position the byte offset at which {@code in} starts */
  Utf8Reader(InputStream in, long position) {
    this.in = in;
    this.position = position;
  }

  /** Byte offset of the next character to be read. */
  long position() {
    return peeked != NONE ? peekedAt : position;
  }

  /** The next character without reading it, or -1 at the end. */
  int peek() throws IOException {
    if (peeked == NONE) {
      peekedAt = position;
      peeked = decode();
    }
    return peeked;
  }

  @Override
  public int read() throws IOException {
    if (peeked != NONE) {
      int c = peeked;
      peeked = NONE;
      return c;
    }
    return decode();
  }

  private int decode() throws IOException {
    if (pendingLow >= 0) {
      int low = pendingLow;
      pendingLow = -1;
      return low;
    }
    int b0 = nextByte();
    if (b0 < 0x80) {
      return b0; // ASCII or -1 at the end
    }
    int extra;
    int cp;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      extra = 1;
      cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      extra = 2;
      cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      extra = 3;
      cp = b0 & 0x07;
    } else {
      return REPLACEMENT;
    }
    for (int i = 0; i < extra; i++) {
      int b = peekByte();
      if (b < 0 || (b & 0xC0) != 0x80) {
        return REPLACEMENT; // the byte that broke the sequence is read as the next character
      }
      nextByte();
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return REPLACEMENT;
    }
    if (cp >= 0x10000) {
      pendingLow = Character.lowSurrogate(cp);
      return Character.highSurrogate(cp);
    }
    return cp;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int c = read();
      if (c < 0) {
        return n == 0 ? -1 : n;
      }
      cbuf[off + n++] = (char) c;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private int nextByte() throws IOException {
    int b = peekByte();
    if (b >= 0) {
      next++;
      position++;
    }
    return b;
  }

  private int peekByte() throws IOException {
    if (next == length) {
      length = in.read(buffer, 0, buffer.length);
      next = 0;
      if (length <= 0) {
        length = 0;
        return -1;
      }
    }
    return buffer[next] & 0xFF;
  }
}
