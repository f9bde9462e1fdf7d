package dev.voicegen.audio.io;

import dev.voicegen.audio.io.FlacBitReader.EndOfData;
import dev.voicegen.audio.io.FlacBitReader.TooLong;
import java.util.Arrays;

/** FLAC subframe decoding: constant, verbatim, fixed and LPC prediction, Rice-coded residuals. */
final class FlacSubframes {
  /** A subframe that breaks the format; the message says how. */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String problem) {
      super(problem, null, false, false); // no stack trace: the caller adds the frame position
    }
  }

  /** Bounds a Rice quotient so that shifting it by the largest parameter (30) stays in a long. */
  private static final long MAX_RICE_QUOTIENT = 1L << 32;

  private FlacSubframes() {}

  /** Decodes one channel's subframe of {@code n} samples of {@code bits} bits into {@code out}. */
  static void decode(FlacBitReader r, long[] out, int n, int bits) throws Corrupt, EndOfData {
    if (r.readBit()) {
      throw new Corrupt("subframe padding bit set");
    }
    int type = r.readInt(6);
    int wasted = 0;
    if (r.readBit()) {
      try {
        wasted = (int) r.readUnary(bits) + 1;
      } catch (TooLong e) {
        wasted = bits;
      }
      if (wasted >= bits) {
        throw new Corrupt("subframe wastes " + wasted + " of " + bits + " bits");
      }
    }
    int b = bits - wasted;
    if (type == 0) {
      Arrays.fill(out, 0, n, r.readSigned(b));
    } else if (type == 1) {
      for (int i = 0; i < n; i++) {
        out[i] = r.readSigned(b);
      }
    } else if (type >= 8 && type <= 12) {
      int order = type - 8;
      readWarmUp(r, out, order, n, b);
      readResidual(r, out, order, n);
      predictFixed(out, order, n);
    } else if (type >= 32) {
      int order = type - 31;
      readWarmUp(r, out, order, n, b);
      int precision = r.readInt(4) + 1;
      if (precision == 16) {
        throw new Corrupt("invalid LPC coefficient precision");
      }
      int shift = (int) r.readSigned(5);
      if (shift < 0) {
        throw new Corrupt("negative LPC shift " + shift);
      }
      long[] coefficients = new long[order];
      for (int j = 0; j < order; j++) {
        coefficients[j] = r.readSigned(precision);
      }
      readResidual(r, out, order, n);
      for (int i = order; i < n; i++) {
        long sum = 0;
        for (int j = 0; j < order; j++) {
          sum += coefficients[j] * out[i - 1 - j];
        }
        out[i] += sum >> shift;
      }
    } else {
      throw new Corrupt("reserved subframe type " + type);
    }
    if (wasted > 0) {
      for (int i = 0; i < n; i++) {
        out[i] <<= wasted;
      }
    }
  }

  private static void readWarmUp(FlacBitReader r, long[] out, int order, int n, int bits)
      throws Corrupt, EndOfData {
    if (order > n) {
      throw new Corrupt("predictor order " + order + " exceeds block size " + n);
    }
    for (int i = 0; i < order; i++) {
      out[i] = r.readSigned(bits);
    }
  }

  private static void predictFixed(long[] s, int order, int n) {
    for (int i = order; i < n; i++) {
      s[i] += switch (order) {
        case 0 -> 0;
        case 1 -> s[i - 1];
        case 2 -> 2 * s[i - 1] - s[i - 2];
        case 3 -> 3 * s[i - 1] - 3 * s[i - 2] + s[i - 3];
        default -> 4 * s[i - 1] - 6 * s[i - 2] + 4 * s[i - 3] - s[i - 4];
      };
    }
  }

  /** Residuals go into {@code out[order..n)}, to which the prediction is then added. */
  private static void readResidual(FlacBitReader r, long[] out, int order, int n)
      throws Corrupt, EndOfData {
    int method = r.readInt(2);
    if (method > 1) {
      throw new Corrupt("reserved residual coding method " + method);
    }
    int parameterBits = method == 0 ? 4 : 5;
    int escape = (1 << parameterBits) - 1;
    int partitionOrder = r.readInt(4);
    int perPartition = n >> partitionOrder;
    if (perPartition << partitionOrder != n || perPartition < order) {
      throw new Corrupt("residual partition order " + partitionOrder + " does not fit block size " + n);
    }
    int i = order;
    for (int p = 0; p < 1 << partitionOrder; p++) {
      int count = p == 0 ? perPartition - order : perPartition;
      int parameter = r.readInt(parameterBits);
      if (parameter == escape) {
        int rawBits = r.readInt(5);
        for (int k = 0; k < count; k++) {
          out[i++] = r.readSigned(rawBits);
        }
        continue;
      }
      try {
        for (int k = 0; k < count; k++) {
          long folded = (r.readUnary(MAX_RICE_QUOTIENT) << parameter) | r.readBits(parameter);
          out[i++] = (folded >>> 1) ^ -(folded & 1);
        }
      } catch (TooLong e) {
        throw new Corrupt("residual out of range");
      }
    }
  }
}
