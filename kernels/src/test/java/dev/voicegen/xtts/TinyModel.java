package dev.voicegen.xtts;

import dev.voicegen.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The committed tiny model (src/test/resources/xtts/tiny, made by make_model.py --tiny) and helpers. */
public final class TinyModel {
  /** make_model.py --stop-after default: the STOP ramp crosses zero at mel position 24. */
  static final int STOP_AFTER = 24;
  static final int DIM = 64;
  static final int STOP = 1025;
  /** Fixture vocoder: 16 * 8 * 8 samples per latent frame. */
  public static final int SAMPLES_PER_FRAME = 1024;

  private TinyModel() {}

  public static Path dir() {
    try {
      return Path.of(TinyModel.class.getResource("/xtts/tiny/metadata.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A writable copy of the tiny model under {@code target}. */
  static Path copyTo(Path target) {
    return TestFiles.copyTree(dir(), target);
  }

  /**
   * A copy of the tiny model under {@code target} with graphs of a committed variant laid over it
   * ({@code xtts/variants/NAME}, made by make_model.py --tiny --NAME): the named graphs, or every
   * graph of the variant when none is named.
   */
  static Path variant(String name, Path target, String... graphs) {
    Path copy = copyTo(target);
    Path from = dir().resolveSibling("variants").resolve(name);
    try (var files = Files.list(from)) {
      for (Path graph : files.toList()) {
        String file = graph.getFileName().toString();
        if (graphs.length == 0 || Arrays.asList(graphs).contains(file)) {
          Files.copy(graph, copy.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** Writes a little-endian float32 C-order .npy (format 1.0), as np.save does. */
  static void writeNpy(Path file, long[] shape, float[] data) {
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "") + "), }";
    int total = 10 + header.length() + 1;
    int padded = (total + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(header);
    while (10 + h.length() + 1 < padded) {
      h.append(' ');
    }
    h.append('\n');
    ByteBuffer buf = ByteBuffer.allocate(10 + h.length() + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) h.length());
    buf.put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    for (float f : data) {
      buf.putFloat(f);
    }
    try {
      Files.write(file, buf.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deterministic pseudo-random conditioning latents [32][64]. */
  static float[][] condLatents(long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[][] c = new float[32][DIM];
    for (float[] row : c) {
      for (int i = 0; i < DIM; i++) {
        row[i] = (float) (r.nextDouble() - 0.5);
      }
    }
    return c;
  }

  /** Text ids 3..n+2 (real characters of the tiny vocab). */
  static int[] text(int n, int offset) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 3 + (offset + i * 7) % 250;
    }
    return t;
  }
}
