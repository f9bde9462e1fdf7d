package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
  @TempDir Path tmp;

  @Test
  void readsWhatNumpyWrites() {
    NpyReader.NpyArray a = NpyReader.read(TinyModel.dir().resolve("mel_stats.npy"), "mel_stats.npy");
    assertArrayEquals(new long[] {80}, a.shape());
    for (float v : a.data()) {
      assertEquals(4.0, v, 2.0 + 1e-6, "make_model.py draws mel_stats from U(2, 6)");
    }
    NpyReader.NpyArray pos = NpyReader.read(TinyModel.dir().resolve("embeddings/mel_pos_embedding.npy"), "p");
    assertArrayEquals(new long[] {608, 64}, pos.shape());
    // Column 0 is the fixture's STOP ramp: clip(0.1 * (k - 24), -3, 3), row-major layout.
    assertEquals(-2.4f, pos.data()[0], 1e-6f);
    assertEquals(0f, pos.data()[24 * 64], 1e-6f);
    assertEquals(3f, pos.data()[100 * 64], 1e-6f);
  }

  @Test
  void roundTripsAndReadsShapeAlone() {
    Path f = tmp.resolve("a.npy");
    TinyModel.writeNpy(f, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new long[] {2, 3}, NpyReader.readShape(f, "a.npy"));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, NpyReader.read(f, "a.npy").data());
  }

  @Test
  void rejectsOtherDtypesAndTruncatedData() throws IOException {
    Path f = tmp.resolve("d.npy");
    TinyModel.writeNpy(f, new long[] {2}, new float[] {1, 2});
    byte[] b = Files.readAllBytes(f);
    Files.write(f, new String(b, StandardCharsets.ISO_8859_1).replace("<f4", "<f8").getBytes(StandardCharsets.ISO_8859_1));
    ModelException e = assertThrows(ModelException.class, () -> NpyReader.readShape(f, "d.npy"));
    assertEquals("d.npy: dtype <f8 but float32 little-endian (<f4) is required", e.getMessage());

    Path t = tmp.resolve("t.npy");
    TinyModel.writeNpy(t, new long[] {4}, new float[] {1, 2, 3, 4});
    byte[] full = Files.readAllBytes(t);
    Files.write(t, java.util.Arrays.copyOf(full, full.length - 4));
    assertThrows(ModelException.class, () -> NpyReader.read(t, "t.npy"));
  }
}
