package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime loaded from a folder (VOICEGEN_ORT_LIB_DIR, which bin/native-env.sh turns into
 * {@code -Donnxruntime.native.path}) laid out like ONNX Runtime's release archive, where
 * {@code libonnxruntime.so} is a link to the versioned file: the C API is found in that library and
 * IoBinding runs on it. The jar's own CPU libraries stand in for a GPU build (which adds
 * libonnxruntime_providers_shared.so and the CUDA provider beside them).
 */
class OrtLibraryDirTest {
  @TempDir Path tmp;

  @Test
  void theVersionedFileALinkResolvesToIsFoundAmongTheMappings() {
    Path lib = OrtApi.libraryIn(List.of(
        "7f00-7f10 r-xp 00000000 08:01 12 /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7f20-7f30 r-xp 00000000 08:01 13 /opt/ort/lib/libonnxruntime.so.1.28.0",
        "7f40-7f50 r-xp 00000000 08:01 14 /opt/ort/lib/libonnxruntime_providers_shared.so"));
    assertEquals(Path.of("/opt/ort/lib/libonnxruntime.so.1.28.0"), lib);
    assertEquals(Path.of("/tmp/onnxruntime-java1/libonnxruntime.so"), OrtApi.libraryIn(List.of(
        "7f20-7f30 r-xp 00000000 08:01 13 /tmp/onnxruntime-java1/libonnxruntime.so")));
    assertNull(OrtApi.libraryIn(List.of(
        "7f20-7f30 r-xp 00000000 08:01 13 /tmp/onnxruntime-java1/libonnxruntime4j_jni.so",
        "7f40-7f50 r-xp 00000000 08:01 14 /opt/libonnxruntime.so.bak")));
  }

  @Test
  void aReleaseLikeFolderIsLoadedAndBindsThroughItsCApi() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("onnxruntime-linux-x64-1.28.0/lib"));
    OrtReleaseLayout.write(dir, "1.28.0");

    // the launchers' way: bin/native-env.sh turns VOICEGEN_ORT_LIB_DIR into JAVA_TOOL_OPTIONS
    String toolOptions = sourced(Map.of("VOICEGEN_ORT_LIB_DIR", dir.toString()), "JAVA_TOOL_OPTIONS");
    assertEquals("-D" + OrtApi.NATIVE_PATH + "=" + dir, toolOptions);
    String out = childJvm(toolOptions);
    assertTrue(out.contains("library=" + dir.resolve("libonnxruntime.so.1.28.0") + "\n"), out);
    assertTrue(out.contains("origin=" + dir.resolve("libonnxruntime.so.1.28.0") + ", " + OrtApi.NATIVE_PATH + "="
        + dir + "\n"), out);
    assertTrue(out.contains("gathered=[8.0, 9.0, 10.0, 11.0, 0.0, 1.0, 2.0, 3.0]"), out);

    // without the property the jar's own copy is loaded, as before
    String plain = childJvm(null);
    assertTrue(plain.contains("origin=") && plain.contains("libonnxruntime.so, from the onnxruntime jar"), plain);
    assertTrue(plain.contains("gathered=[8.0, 9.0, 10.0, 11.0, 0.0, 1.0, 2.0, 3.0]"), plain);
  }

  @Test
  void theLaunchersKeepOtherToolOptionsAndStopOnAnIncompleteFolder() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("lib"));
    Files.createFile(dir.resolve("libonnxruntime.so"));
    Files.createFile(dir.resolve("libonnxruntime4j_jni.so"));
    assertEquals("-Xss2m -D" + OrtApi.NATIVE_PATH + "=" + dir, sourced(Map.of("VOICEGEN_ORT_LIB_DIR", dir.toString(),
        "JAVA_TOOL_OPTIONS", "-Xss2m"), "JAVA_TOOL_OPTIONS"));
    // a property given explicitly wins
    assertEquals("-D" + OrtApi.NATIVE_PATH + "=/elsewhere", sourced(Map.of("VOICEGEN_ORT_LIB_DIR", dir.toString(),
        "JAVA_TOOL_OPTIONS", "-D" + OrtApi.NATIVE_PATH + "=/elsewhere"), "JAVA_TOOL_OPTIONS"));
    assertEquals("", sourced(Map.of(), "JAVA_TOOL_OPTIONS"));

    Files.delete(dir.resolve("libonnxruntime4j_jni.so"));
    String err = sourced(Map.of("VOICEGEN_ORT_LIB_DIR", dir.toString()), null);
    assertEquals("voicegen: VOICEGEN_ORT_LIB_DIR=" + dir + " has no libonnxruntime4j_jni.so (ONNX Runtime's lib/"
        + " folder plus libonnxruntime4j_jni.so from the onnxruntime jar; README, \"GPU check\")", err);
  }

  /**
   * bin/native-env.sh sourced by bash with {@code env}: the named variable after it, or (name null)
   * what it printed when it stopped with exit 2.
   */
  private static String sourced(Map<String, String> env, String variable) throws Exception {
    Path script = Path.of("..", "bin", "native-env.sh").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && printf %s \"${" + (variable == null ? "X" : variable)
        + ":-}\"", script.toString()).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("VOICEGEN_ORT_LIB_DIR");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(variable == null ? 2 : 0, p.waitFor(), out);
    return out;
  }

  /** The check in a JVM of its own, with {@code toolOptions} as its JAVA_TOOL_OPTIONS (none if null). */
  private static String childJvm(String toolOptions) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes = Path.of(OrtLibraryDirCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + classes,
        OrtLibraryDirCheck.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    if (toolOptions != null) {
      pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
    }
    Process child = pb.start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), out);
    return out;
  }
}
