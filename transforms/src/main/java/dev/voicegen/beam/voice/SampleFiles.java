package dev.voicegen.beam.voice;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.AudioTooLongException;
import dev.voicegen.audio.io.RegularFileCheck;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** Reads reference samples through Beam's file systems (local, S3, ...) with clear errors. */
final class SampleFiles {
  /** Samples larger than this are refused before they are read (about 40 min of 48 kHz stereo). */
  static final long MAX_BYTES = 1L << 30;

  private SampleFiles() {}

  /** The sample's metadata; an IOException names the file and what is wrong. */
  static MatchResult.Metadata stat(String path) throws IOException {
    Path local = localPath(path);
    if (local != null) {
      // a FIFO would block the read, /dev/zero never end, a /proc file claim 0 bytes: say which
      RegularFileCheck.require(local, "reference sample " + path);
    }
    MatchResult match;
    try {
      match = FileSystems.match(List.of(path)).get(0);
    } catch (IllegalArgumentException e) {
      throw new IOException("reference sample " + path + ": " + e.getMessage(), e);
    }
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      throw new FileNotFoundException("reference sample " + path + " does not exist");
    }
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      throw new IOException("reference sample " + path + " cannot be read: " + match.status());
    }
    MatchResult.Metadata metadata = match.metadata().get(0);
    if (metadata.sizeBytes() == 0) {
      throw new IOException("reference sample " + path + " is empty (0 bytes)");
    }
    if (metadata.sizeBytes() > MAX_BYTES) {
      throw new IOException(
          "reference sample " + path + " is " + metadata.sizeBytes() + " bytes; the limit is "
              + MAX_BYTES);
    }
    return metadata;
  }

  static InputStream open(MatchResult.Metadata metadata) throws IOException {
    ReadableByteChannel channel = FileSystems.open(metadata.resourceId());
    return Channels.newInputStream(channel);
  }

  /**
   * Decodes a sample: a local file from disk (a WAV is streamed into its clip, never held as bytes
   * too), a file on any other file system (S3, ...) read into memory first.
   */
  static AudioClip decode(String path) throws IOException {
    MatchResult.Metadata metadata = stat(path);
    try {
      if ("file".equals(metadata.resourceId().getScheme())) {
        return AudioDecoder.decode(Path.of(metadata.resourceId().toString()));
      }
      try (InputStream in = open(metadata)) {
        return AudioDecoder.decode(path, in.readAllBytes());
      }
    } catch (OutOfMemoryError e) {
      // the last resort for a format whose header does not state its length: this sample's
      // arrays are unreachable once this returns, so the job goes on without it
      throw new AudioTooLongException("reference sample " + path, "ran out of memory decoding "
          + metadata.sizeBytes() + " bytes (heap " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB); raise -Xmx or shorten the file");
    }
  }

  /** The local file a sample path names, or null for another file system (S3, ...). */
  private static Path localPath(String path) {
    try {
      if (path.startsWith("file:")) {
        return Path.of(URI.create(path));
      }
      return path.contains("://") ? null : Path.of(path);
    } catch (IllegalArgumentException e) {
      return null; // FileSystems.match says what is wrong with it
    }
  }

  /** A short error class for an I/O problem with a sample. */
  static String errorClass(IOException e) {
    if (e instanceof FileNotFoundException) {
      return "missing_file";
    }
    if (e instanceof AudioTooLongException) {
      return "reference_too_long";
    }
    if (e instanceof AudioDecodeException d) {
      return d.errorClass();
    }
    String m = String.valueOf(e.getMessage());
    return m.endsWith("is empty (0 bytes)") ? "empty_file" : e.getClass().getSimpleName();
  }
}
