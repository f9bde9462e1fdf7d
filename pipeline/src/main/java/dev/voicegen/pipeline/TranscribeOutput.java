package dev.voicegen.pipeline;

import dev.voicegen.beam.OutputLayout;
import dev.voicegen.beam.transcribe.WriteTranscripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Gets the transcribe job's {@code --output} ready and tidies it after: an earlier run's
 * transcripts, errors and summary are removed, since the new run recomputes them all.
 */
final class TranscribeOutput {
  private final OutputLayout layout;

  TranscribeOutput(OutputLayout layout) {
    this.layout = layout;
  }

  void prepare() throws IOException {
    deleteTree(OutputLayout.STATS);
    deleteTree(OutputLayout.TEMP);
    deleteTree(OutputLayout.ERRORS);
    deleteTree(WriteTranscripts.TRANSCRIPTS);
    FileSystems.delete(
        List.of(layout.file(OutputLayout.SUMMARY)), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** Removes the working folders after a successful run. */
  void finish() throws IOException {
    deleteTree(OutputLayout.STATS);
    deleteTree(OutputLayout.TEMP);
  }

  private void deleteTree(String relative) throws IOException {
    if (OutputFiles.deleteS3aTree(layout.resolve(relative))) {
      return;
    }
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata m : OutputFiles.list(layout.resolve(relative), "")) {
      files.add(m.resourceId());
    }
    if (!files.isEmpty()) {
      FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    if (layout.root().contains("://")) {
      return;
    }
    // object stores have no folders; local ones are removed bottom-up once empty
    Path dir = Path.of(layout.resolve(relative));
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try (Stream<Path> children = Files.list(p)) {
          if (children.findAny().isEmpty()) {
            Files.delete(p);
          }
        }
      }
    }
  }
}
