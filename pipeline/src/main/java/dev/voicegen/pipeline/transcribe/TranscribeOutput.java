package dev.voicegen.pipeline.transcribe;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.transcribe.WriteTranscripts;
import dev.voicegen.pipeline.common.OutputFiles;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Gets the transcribe job's {@code --output} ready and tidies it after: an earlier run's
 * transcripts, errors and summary are removed, since the new run recomputes them all; files
 * voicegen did not write are kept ({@link OutputOwnership}).
 */
final class TranscribeOutput {
  private static final Logger LOG = LogManager.getLogger(TranscribeOutput.class);
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
    List<String> kept = OutputFiles.deleteWritten(layout.root(), relative);
    if (!kept.isEmpty()) {
      LOG.warn("Kept {} file(s) under {} that voicegen did not write: {}", kept.size(),
          layout.resolve(relative), String.join(", ", kept.subList(0, Math.min(10, kept.size()))));
    }
  }
}
