package dev.voicegen.xtts;

import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files holding little-endian float32 arrays in C order (what
 * {@code np.save} writes for the XTTS export's tables); anything else is rejected by name.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** A float32 array and its shape. */
  public record NpyArray(long[] shape, float[] data) {
    /** Rows of a 2-D table, or 1 for a vector. */
    public int rows() {
      return shape.length == 0 ? 1 : (int) shape[0];
    }

    @Override
    public String toString() {
      return "NpyArray" + Arrays.toString(shape);
    }
  }

  private NpyReader() {}

  /** Reads only the header; {@code name} is how messages refer to the file. */
  public static long[] readShape(Path file, String name) {
    try (InputStream in = Files.newInputStream(file)) {
      return parseHeader(in, name).shape;
    } catch (IOException e) {
      throw ModelException.of(name, "cannot read: " + e.getMessage());
    }
  }

  /** Reads header and data. */
  public static NpyArray read(Path file, String name) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header h;
      try (InputStream in = Files.newInputStream(file)) {
        h = parseHeader(in, name);
      }
      long count = 1;
      for (long d : h.shape) {
        count *= d;
      }
      long bytes = count * Float.BYTES;
      if (count > Integer.MAX_VALUE || ch.size() - h.dataOffset < bytes) {
        throw ModelException.of(name, "file holds " + (ch.size() - h.dataOffset)
            + " data bytes but shape " + Arrays.toString(h.shape) + " needs " + bytes);
      }
      ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset, bytes)
          .order(ByteOrder.LITTLE_ENDIAN);
      float[] data = new float[(int) count];
      buf.asFloatBuffer().get(data);
      return new NpyArray(h.shape, data);
    } catch (IOException e) {
      throw ModelException.of(name, "cannot read: " + e.getMessage());
    }
  }

  private record Header(long[] shape, long dataOffset) {}

  private static Header parseHeader(InputStream in, String name) throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
      throw ModelException.of(name, "not a .npy file (bad magic)");
    }
    int major = pre[6];
    int headerLen;
    long prefix;
    if (major == 1) {
      byte[] l = in.readNBytes(2);
      headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
      prefix = 10;
    } else {
      byte[] l = in.readNBytes(4);
      headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
      prefix = 12;
    }
    String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, name, "descr");
    if (!descr.equals("<f4")) {
      throw ModelException.of(name, "dtype " + descr + " but float32 little-endian (<f4) is required");
    }
    if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
      throw ModelException.of(name, "Fortran order but C order is required");
    }
    String dims = group(SHAPE, header, name, "shape").trim();
    long[] shape = Arrays.stream(dims.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    return new Header(shape, prefix + headerLen);
  }

  private static String group(Pattern p, String header, String name, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw ModelException.of(name, "header has no " + key + ": " + header.trim());
    }
    return m.group(1);
  }
}
