package dev.voicegen.audio.io;

/** The CRC-8 (poly 0x07) of FLAC frame headers and the CRC-16 (poly 0x8005) of whole frames. */
final class FlacCrc {
  private static final int[] CRC8 = table(8, 0x07);
  private static final int[] CRC16 = table(16, 0x8005);

  private FlacCrc() {}

  private static int[] table(int width, int poly) {
    int[] t = new int[256];
    int top = 1 << (width - 1);
    int mask = (1 << width) - 1;
    for (int i = 0; i < 256; i++) {
      int crc = i << (width - 8);
      for (int k = 0; k < 8; k++) {
        crc = (crc & top) != 0 ? ((crc << 1) ^ poly) & mask : (crc << 1) & mask;
      }
      t[i] = crc;
    }
    return t;
  }

  static int crc8(byte[] d, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = CRC8[(crc ^ d[i]) & 0xFF];
    }
    return crc;
  }

  static int crc16(byte[] d, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ d[i]) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }
}
