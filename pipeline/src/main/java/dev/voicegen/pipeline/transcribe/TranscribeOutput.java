package dev.voicegen.pipeline.transcribe;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.transcribe.WriteTranscripts;
import dev.voicegen.pipeline.common.OutputFiles;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;

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
    OutputFiles.deleteTree(layout.resolve(relative));
  }
}
