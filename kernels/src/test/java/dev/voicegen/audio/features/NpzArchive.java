package dev.voicegen.audio.features;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A numpy .npz written by src/test/resources/features/make_goldens.py: little-endian f4/f8/i8
 * arrays in C order, read as doubles.
 */
public final class NpzArchive {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|])([fi])(\\d)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private final Map<String, int[]> shapes = new HashMap<>();
  private final Map<String, double[]> values = new HashMap<>();

  private NpzArchive() {}

  /** The archive at classpath resource {@code resource}, e.g. "/features/goldens/fox.npz". */
  public static NpzArchive load(String resource) {
    NpzArchive archive = new NpzArchive();
    try (InputStream raw = NpzArchive.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      try (ZipInputStream zip = new ZipInputStream(raw)) {
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          String name = entry.getName().replaceFirst("\\.npy$", "");
          archive.read(name, zip.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
    return archive;
  }

  public int[] shape(String name) {
    return require(shapes, name).clone();
  }

  public double[] flat(String name) {
    return require(values, name);
  }

  public double scalar(String name) {
    return flat(name)[0];
  }

  /** A 2-D array as rows. */
  public double[][] matrix(String name) {
    int[] shape = require(shapes, name);
    if (shape.length != 2) {
      throw new IllegalStateException(name + " is not 2-D");
    }
    double[] flat = values.get(name);
    double[][] out = new double[shape[0]][shape[1]];
    for (int r = 0; r < shape[0]; r++) {
      System.arraycopy(flat, r * shape[1], out[r], 0, shape[1]);
    }
    return out;
  }

  private static <T> T require(Map<String, T> map, String name) {
    T value = map.get(name);
    if (value == null) {
      throw new IllegalStateException("no array " + name + " in the archive: " + map.keySet());
    }
    return value;
  }

  private void read(String name, byte[] npy) {
    if (npy.length < 10 || (npy[0] & 0xff) != 0x93 || npy[1] != 'N') {
      throw new IllegalStateException(name + ": not a .npy");
    }
    ByteBuffer buf = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    int major = npy[6];
    int headerLength = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
    int dataStart = (major == 1 ? 10 : 12) + headerLength;
    String header = new String(npy, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher order = ORDER.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !order.find() || !shape.find() || order.group(1).equals("True")
        || descr.group(1).equals(">")) {
      throw new IllegalStateException(name + ": unsupported header " + header);
    }
    String[] dims = shape.group(1).split(",");
    int count = 1;
    int rank = 0;
    int[] sizes = new int[dims.length];
    for (String d : dims) {
      if (!d.isBlank()) {
        sizes[rank] = Integer.parseInt(d.trim());
        count *= sizes[rank++];
      }
    }
    int[] exact = Arrays.copyOf(sizes, rank);
    int width = Integer.parseInt(descr.group(3));
    boolean floating = descr.group(2).equals("f");
    double[] out = new double[count];
    buf.position(dataStart);
    for (int i = 0; i < count; i++) {
      if (floating) {
        out[i] = width == 4 ? buf.getFloat() : buf.getDouble();
      } else {
        out[i] = width == 4 ? buf.getInt() : buf.getLong();
      }
    }
    shapes.put(name, exact);
    values.put(name, out);
  }
}
