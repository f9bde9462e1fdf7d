package dev.voicegen.pipeline.common;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.report.ReportPage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The output folder is voicegen's own: a marker file says so, a folder that is not (the file
 * system root, the home folder, a non-empty folder without the marker) is refused, and only the
 * files whose names voicegen writes are ever removed from it.
 */
public final class OutputOwnership {
  /** Written on first use; its presence lets later jobs replace what is inside. */
  public static final String MARKER = ".voicegen-output";

  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
  private static final String UUID =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  /** Every path (relative to --output) that voicegen itself writes and may later remove. */
  private static final Pattern WRITTEN =
      Pattern.compile(
          String.join(
              "|",
              Pattern.quote(MARKER),
              Pattern.quote(OutputLock.FILE),
              Pattern.quote(OutputLayout.SUMMARY),
              Pattern.quote(OutputLayout.MANIFEST),
              Pattern.quote(ReportPage.FILE),
              // PartFiles (run) and FileIO's default naming (transcribe)
              "metadata/language=[^/]+/speaker_id=[^/]+/part-[^/]+\\.parquet",
              "errors/part-[^/]+\\.parquet",
              "transcripts/folder_name=[^/]+/part-[^/]+\\.parquet",
              "audio/" + ID + "/" + ID + "/" + ID + "\\.(wav|flac)",
              "_resume/[0-9a-z]+/metadata/language=[^/]+/speaker_id=[^/]+/part-[^/]+\\.parquet",
              "_stats/stats\\.jsonl",
              // Beam's and PartFiles' working files: a random UUID in the name or a .temp-beam folder
              "(_temp|_stats)/(.*/)?" + UUID + "[^/]*",
              "(_temp|_stats)/(.*/)?\\.temp-beam[^/]*/.+",
              // the espeak-ng engine's row files (EspeakEngine.workFolder, Files.createTempFile)
              "_temp/espeak-[0-9]+-[0-9a-z]+/row-[0-9]+\\.(txt|wav)"));

  private OutputOwnership() {}

  /** Whether voicegen writes a file at this path (relative to --output, '/'-separated). */
  public static boolean written(String relative) {
    return WRITTEN.matcher(relative).matches();
  }

  /** Whether the file is generated audio ({@code audio/<language>/<speaker>/<id>.<format>}). */
  public static boolean audio(String relative) {
    return relative.startsWith(OutputLayout.AUDIO + "/") && written(relative);
  }

  /**
   * Refuses an output that can never be voicegen's: the file system root and the home folder.
   *
   * @throws ConfigurationException naming the reason
   */
  public static void checkLocation(String option, OutputLayout layout) {
    String root = layout.root();
    if (root.contains("://")) {
      return;
    }
    Path path = OutputLocation.real(root);
    if (path.getParent() == null) {
      throw new ConfigurationException(
          option + " is the file system root (" + path + "); name a folder of its own");
    }
    String home = System.getProperty("user.home");
    if (home != null && !home.isBlank() && path.equals(OutputLocation.real(home))) {
      throw new ConfigurationException(
          option + " is the home folder (" + path + "); name a folder of its own, e.g. " + path + "/voicegen-out");
    }
  }

  /**
   * Claims the output for voicegen, under the job's lock: a folder with the marker, or one that
   * is empty or new, gets (or keeps) the marker; anything else is refused.
   *
   * @throws ConfigurationException when the folder holds files and no marker
   */
  public static void claim(String option, OutputLayout layout) throws IOException {
    if (exists(layout.resolve(MARKER))) {
      return;
    }
    String other = firstOtherEntry(layout);
    if (other != null) {
      throw new ConfigurationException(
          option + " is not empty (" + other + ") and is not a voicegen output (no "
              + MARKER + " file): name a new or empty folder; to let voicegen own this one"
              + " (it may then remove files it writes there), create an empty " + layout.resolve(MARKER));
    }
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(layout.file(MARKER), "text/plain"))) {
      out.write(
          ("voicegen output folder, first used " + Instant.now()
                  + "\nvoicegen removes only the files it writes here; see README, Output.\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean exists(String file) throws IOException {
    if (!file.contains("://")) {
      return Files.exists(Path.of(file));
    }
    MatchResult m = FileSystems.match(file, EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** A file or folder in the output other than the lock, or null when there is none. */
  private static String firstOtherEntry(OutputLayout layout) throws IOException {
    String root = layout.root();
    if (!root.contains("://")) {
      Path dir = Path.of(root);
      if (!Files.exists(dir)) {
        return null;
      }
      if (!Files.isDirectory(dir)) {
        return root + " is a file";
      }
      try (Stream<Path> entries = Files.list(dir)) {
        return entries
            .filter(p -> !p.getFileName().toString().equals(OutputLock.FILE))
            .map(Path::toString)
            .findFirst()
            .orElse(null);
      }
    }
    return OutputFiles.list(root, "").stream()
        .map(m -> m.resourceId().toString())
        .filter(name -> !name.endsWith("/" + OutputLock.FILE))
        .findFirst()
        .orElse(null);
  }
}
