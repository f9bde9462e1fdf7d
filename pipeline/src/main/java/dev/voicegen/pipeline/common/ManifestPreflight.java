package dev.voicegen.pipeline.common;

import dev.voicegen.beam.manifest.ReadManifest;
import dev.voicegen.manifest.ManifestFormat;
import dev.voicegen.manifest.ManifestParser;
import dev.voicegen.manifest.RawRow;
import dev.voicegen.manifest.ReadPosition;
import dev.voicegen.manifest.RowRules;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads every manifest file once in the driver before the output is touched: each must have a
 * known format and open (a CSV header, a Parquet footer), and neither it nor any reference sample
 * it names may lie inside {@code --output}, where the job would remove or overwrite it.
 */
public final class ManifestPreflight {
  /** Distinct samples whose verdict is kept, so a sample shared by many rows is resolved once. */
  private static final int MAX_REMEMBERED = 10_000;

  private ManifestPreflight() {}

  /**
   * @param manifest the --manifest spec, already known to match at least one file
   * @param output the output root (an absolute path or a URI)
   * @throws ConfigurationException naming the file and what is wrong with it
   */
  public static void check(String manifest, String output) throws IOException {
    for (MatchResult.Metadata file : files(manifest)) {
      String name = file.resourceId().toString();
      if (file.resourceId().isDirectory() || isLocalDirectory(name)) {
        throw new ConfigurationException("--manifest=" + manifest + ": " + name + " is a folder, not a manifest file");
      }
      if (file.sizeBytes() == 0) {
        throw new ConfigurationException("--manifest=" + manifest + ": " + name + " is empty");
      }
      try {
        ManifestFormat.forFileName(name);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("--manifest=" + manifest + ": " + e.getMessage());
      }
      if (OutputLocation.inside(name, output)) {
        throw new ConfigurationException(
            "--output=" + output + " contains the manifest " + name
                + "; the job would remove or replace it: name an output folder outside the inputs");
      }
      checkRows(name, output);
    }
  }

  private static List<MatchResult.Metadata> files(String manifest) throws IOException {
    MatchResult match = FileSystems.match(List.of(manifest), EmptyMatchTreatment.ALLOW).get(0);
    return match.status() == MatchResult.Status.OK ? match.metadata() : new ArrayList<>();
  }

  private static boolean isLocalDirectory(String name) {
    return !name.contains("://") && java.nio.file.Files.isDirectory(java.nio.file.Path.of(name));
  }

  /** Opens the file as the job will and streams its sample column (cheap next to synthesis). */
  private static void checkRows(String name, String output) {
    Set<String> checked = new HashSet<>();
    try (ManifestParser.RowReader reader =
        ManifestParser.open(name, () -> openSeekable(name), ReadPosition.START)) {
      RawRow row;
      while ((row = reader.next()) != null) {
        String sample = sample(row);
        if (sample == null) {
          continue;
        }
        String resolved;
        try {
          resolved = ReadManifest.resolveSample(name, sample);
        } catch (IllegalArgumentException e) {
          continue; // the row goes to errors/ in the job; it names no file to protect
        }
        if (checked.size() > MAX_REMEMBERED) {
          checked.clear();
        }
        if (checked.add(resolved) && OutputLocation.inside(resolved, output)) {
          throw new ConfigurationException(
              "--output=" + output + " contains the reference sample " + resolved + " (line "
                  + row.line() + " of " + name + "); the job could overwrite or remove it: name an"
                  + " output folder outside the inputs");
        }
      }
    } catch (ConfigurationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // a CSV header without id/text, a file that is not Parquet: the user's file, not a crash
      throw new ConfigurationException("--manifest: " + name + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static SeekableByteChannel openSeekable(String name) throws IOException {
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(name, false));
    if (channel instanceof SeekableByteChannel seekable) {
      return seekable;
    }
    channel.close();
    throw new IOException(name + " cannot be read with random access");
  }

  private static String sample(RawRow row) {
    if (row.fields() == null) {
      return null;
    }
    for (String key : RowRules.SPEAKER_WAV_KEYS) {
      String value = row.fields().get(key);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

}
