package dev.voicegen.xtts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.models.ModelFile;
import dev.voicegen.models.ModelLock;
import dev.voicegen.onnx.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The start-up check of a model directory that exists: every file the engine reads is there, the
 * files a pull recorded still have their recorded sizes (a cheap stand-in for {@code models verify},
 * which hashes gigabytes), and the layout opens ({@link XttsModelDirectory#open}). It names every
 * missing or bad file at once, so that one look at the error says what to fetch.
 */
public final class XttsDirectoryCheck {
  private XttsDirectoryCheck() {}

  /** Problems as "file: what is wrong"; empty when the directory can be loaded. */
  public static List<String> problems(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of(root + ": not a directory");
    }
    Set<String> problems = new LinkedHashSet<>();
    List<String> needed = new ArrayList<>(List.of(XttsMetadata.FILE, XttsModelDirectory.VOCAB,
        XttsModelDirectory.MEL_STATS, XttsModelDirectory.MEL_EMBEDDING,
        XttsModelDirectory.TEXT_EMBEDDING, XttsModelDirectory.MEL_POS_EMBEDDING,
        XttsModelDirectory.TEXT_POS_EMBEDDING));
    try {
      if (Files.isRegularFile(root.resolve(XttsMetadata.FILE))) {
        needed.addAll(XttsModelDirectory.graphFiles(
            XttsMetadata.parse(new ObjectMapper().readTree(root.resolve(XttsMetadata.FILE).toFile()))));
      }
    } catch (IOException | ModelException e) {
      problems.add(XttsMetadata.FILE + ": " + e.getMessage());
    }
    for (String f : needed) {
      if (!Files.isRegularFile(root.resolve(f))) {
        problems.add(f + ": missing");
      }
    }
    if (Files.isRegularFile(root.resolve(ModelLock.FILE))) {
      try {
        for (ModelFile f : ModelLock.read(root).files()) {
          Path p = root.resolve(f.path());
          if (!Files.isRegularFile(p)) {
            problems.add(f.path() + ": missing");
          } else if (Files.size(p) != f.size()) {
            problems.add(f.path() + ": " + Files.size(p) + " bytes, " + ModelLock.FILE + " says " + f.size());
          }
        }
      } catch (IOException e) {
        problems.add(ModelLock.FILE + ": " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      try {
        XttsModelDirectory.open(root);
      } catch (ModelException e) {
        problems.add(e.getMessage());
      }
    }
    return List.copyOf(problems);
  }
}
