package dev.voicegen.pipeline.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.OutputFiles;
import dev.voicegen.pipeline.common.OutputOwnership;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Gets {@code --output} ready before a run and tidies it after: results of an earlier run that the
 * new run recomputes are removed; on resume the earlier metadata is moved aside to be read back.
 * Only files voicegen writes are removed or moved ({@link OutputOwnership}); others are kept and
 * named in a WARN.
 */
final class RunOutput {
  private static final Logger LOG = LogManager.getLogger(RunOutput.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** User files named in the WARN; the count says how many more there are. */
  private static final int NAMED_KEPT = 10;

  private final OutputLayout layout;
  private final Set<String> kept = new TreeSet<>();

  RunOutput(OutputLayout layout) {
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
      warnKept();
      return null;
    }
    // an interrupted resume may have left files in _resume already: keep them, add the rest
    List<MatchResult.Metadata> current = new ArrayList<>();
    for (MatchResult.Metadata m : list(OutputLayout.METADATA)) {
      String name = OutputFiles.relativeTo(layout.root(), m.resourceId().toString());
      if (OutputOwnership.written(name)) {
        current.add(m);
      } else {
        kept.add(name);
      }
    }
    warnKept();
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
    warnKept();
  }

  /**
   * Removes the generated audio that no row of the finished run's {@code manifest.jsonl} (one line
   * per metadata row) describes: rows of an earlier run that now fail or are gone.
   *
   * @return how many audio files were removed
   */
  long removeUndescribedAudio() throws IOException {
    Set<String> described = new HashSet<>();
    try (BufferedReader lines =
        new BufferedReader(
            Channels.newReader(FileSystems.open(layout.file(OutputLayout.MANIFEST)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          described.add(JSON.readTree(line).path("audio_filepath").asText());
        }
      }
    }
    List<ResourceId> undescribed = new ArrayList<>();
    for (MatchResult.Metadata m : list(OutputLayout.AUDIO)) {
      String name = OutputFiles.relativeTo(layout.root(), m.resourceId().toString());
      if (!OutputOwnership.audio(name)) {
        kept.add(name);
      } else if (!described.contains(name)) {
        undescribed.add(m.resourceId());
      }
    }
    if (!undescribed.isEmpty()) {
      FileSystems.delete(undescribed, StandardMoveOptions.IGNORE_MISSING_FILES);
      OutputFiles.deleteEmptyLocalDirectories(layout.resolve(OutputLayout.AUDIO));
    }
    LOG.info(
        "Removed {} audio file(s) that no metadata row describes (rows of an earlier run that now"
            + " fail or are no longer in the manifest)",
        undescribed.size());
    warnKept();
    return undescribed.size();
  }

  private void warnKept() {
    if (kept.isEmpty()) {
      return;
    }
    List<String> named = kept.stream().limit(NAMED_KEPT).toList();
    LOG.warn(
        "Kept {} file(s) in {} that voicegen did not write (it removes only its own): {}{}",
        kept.size(),
        layout.root(),
        String.join(", ", named),
        kept.size() > named.size() ? ", ..." : "");
    kept.clear();
  }

  private List<MatchResult.Metadata> list(String relative) throws IOException {
    return OutputFiles.list(layout.resolve(relative), "");
  }

  private void deleteTree(String relative) throws IOException {
    kept.addAll(OutputFiles.deleteWritten(layout.root(), relative));
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
