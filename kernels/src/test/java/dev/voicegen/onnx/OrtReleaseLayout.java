package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime's release layout made of the onnxruntime jar's own CPU libraries, for the tests of
 * VOICEGEN_ORT_LIB_DIR / --ort-lib: {@code libonnxruntime.so} -> {@code .so.1} -> {@code .so.VERSION},
 * with the jar's JNI library beside them.
 */
public final class OrtReleaseLayout {
  private static final String NATIVES = "/ai/onnxruntime/native/linux-x64/";

  private OrtReleaseLayout() {}

  /** Writes the layout into {@code dir} (replacing an earlier one, another version's too). */
  public static void write(Path dir, String version) throws IOException {
    Files.write(dir.resolve("libonnxruntime.so." + version), nativeLibrary("libonnxruntime.so"));
    Files.deleteIfExists(dir.resolve("libonnxruntime.so.1"));
    Files.deleteIfExists(dir.resolve("libonnxruntime.so"));
    Files.createSymbolicLink(dir.resolve("libonnxruntime.so.1"), Path.of("libonnxruntime.so." + version));
    Files.createSymbolicLink(dir.resolve("libonnxruntime.so"), Path.of("libonnxruntime.so.1"));
    Files.write(dir.resolve("libonnxruntime4j_jni.so"), nativeLibrary("libonnxruntime4j_jni.so"));
  }

  /** A native library of the onnxruntime jar on the classpath (its CPU build). */
  public static byte[] nativeLibrary(String name) throws IOException {
    try (InputStream in = OrtReleaseLayout.class.getResourceAsStream(NATIVES + name)) {
      assertTrue(in != null, "the onnxruntime jar holds " + NATIVES + name);
      return in.readAllBytes();
    }
  }
}
