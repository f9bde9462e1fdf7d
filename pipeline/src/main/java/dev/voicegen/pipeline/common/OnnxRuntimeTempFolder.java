package dev.voicegen.pipeline.common;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Removes the folder ONNX Runtime's Java loader leaves in the temporary folder. Its loader (1.28)
 * extracts the native libraries into a fresh {@code onnxruntime-java<N>} folder and, instead of
 * deleting anything, registers the libraries and then the folder with {@link
 * java.io.File#deleteOnExit}, which deletes in reverse order of registration: the folder first,
 * while it still holds the libraries, so it fails, and then the libraries. Every run that loaded ONNX
 * Runtime left one empty folder. A shutdown hook of the application runs before that deletion and
 * removes the folder with its libraries (a loaded library may be unlinked on Linux and macOS).
 */
public final class OnnxRuntimeTempFolder {
  private OnnxRuntimeTempFolder() {}

  /** Registers the removal; it does nothing when the JVM never loaded ONNX Runtime. */
  public static void removeOnExit() {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(OnnxRuntimeTempFolder::remove, "remove-onnxruntime-temp"));
  }

  /** Deletes the loader's folder and its files now; false when there was none to delete. */
  static boolean remove() {
    Path folder = folder();
    if (folder == null || !Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      return Files.deleteIfExists(folder);
    } catch (IOException e) {
      return false; // logging is shut down by now: the folder stays, as it did before
    }
  }

  /** The folder the loader made in this JVM, or null when ONNX Runtime was not loaded. */
  static Path folder() {
    try {
      // not initialised here: loading the class without running its static code loads no library
      Class<?> loader =
          Class.forName("ai.onnxruntime.OnnxRuntime", false, OnnxRuntimeTempFolder.class.getClassLoader());
      Field field = loader.getDeclaredField("tempDirectory");
      field.setAccessible(true);
      return (Path) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another ONNX Runtime version: nothing known to remove
    }
  }
}
