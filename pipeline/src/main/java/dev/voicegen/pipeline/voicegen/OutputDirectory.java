package dev.voicegen.pipeline.voicegen;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Gets {@code --output} ready before a run and tidies it after: results of an earlier run that the
 * new run recomputes are removed; on resume the earlier metadata is moved aside to be read back.
 */
final class OutputDirectory {
  private static final Logger LOG = LogManager.getLogger(OutputDirectory.class);
  private final OutputLayout layout;

  OutputDirectory(OutputLayout layout) {
    this.layout = layout;
  }

  /**
   * Prepares the output for a run.
   *
   * @return the glob of the earlier run's metadata to resume from, or null
   */
  String prepare(boolean resume) throws IOException {
    deleteTree(OutputLayout.STATS);
    deleteTree(OutputLayout.TEMP);
    deleteTree(OutputLayout.ERRORS);
    deleteFile(OutputLayout.MANIFEST);
    deleteFile(OutputLayout.SUMMARY);
    if (!resume) {
      deleteTree(OutputLayout.METADATA);
      deleteTree(OutputLayout.RESUME);
      return null;
    }
    // an interrupted resume may have left files in _resume already: keep them, add the rest
    List<MatchResult.Metadata> current = list(OutputLayout.METADATA);
    if (!current.isEmpty()) {
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      String stamp = Long.toString(System.currentTimeMillis(), 36);
      for (MatchResult.Metadata m : current) {
        String name = m.resourceId().toString();
        String relative = name.substring(name.indexOf("/" + OutputLayout.METADATA + "/") + 1);
        from.add(m.resourceId());
        to.add(layout.file(OutputLayout.RESUME + "/" + stamp + "/" + relative));
      }
      makeParentDirectories(to);
      FileSystems.rename(from, to, StandardMoveOptions.IGNORE_MISSING_FILES);
      OutputFiles.deleteEmptyLocalDirectories(layout.resolve(OutputLayout.METADATA));
    }
    List<MatchResult.Metadata> previous = list(OutputLayout.RESUME);
    LOG.info("Resume: {} metadata file(s) of an earlier run to check rows against", previous.size());
    return previous.isEmpty() ? null : OutputFiles.resumeGlob(layout.resolve(OutputLayout.RESUME));
  }

  /** Removes the working folders after a successful run. */
  void finish() throws IOException {
    deleteTree(OutputLayout.STATS);
    deleteTree(OutputLayout.TEMP);
    deleteTree(OutputLayout.RESUME);
  }

  private List<MatchResult.Metadata> list(String relative) throws IOException {
    return OutputFiles.list(layout.resolve(relative), "");
  }

  private void deleteTree(String relative) throws IOException {
    OutputFiles.deleteTree(layout.resolve(relative));
  }

  private void deleteFile(String relative) throws IOException {
    FileSystems.delete(List.of(layout.file(relative)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  private void makeParentDirectories(List<ResourceId> files) throws IOException {
    if (!layout.root().contains("://")) {
      for (ResourceId id : files) {
        Files.createDirectories(Path.of(id.toString()).getParent());
      }
    }
  }
}
