package dev.voicegen.pipeline.common;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists and removes folder trees of the output on any file system. Beam's {@code dir/**} glob
 * recurses on local disk and {@code s3://}, but on Hadoop ({@code s3a://}) {@code **} matches one
 * level only, and deleting the files leaves S3A's folder markers behind: s3a trees go through the
 * Hadoop file system itself, with the configuration {@link S3Setup} made for the job.
 */
public final class OutputFiles {
  private static volatile Configuration s3a;

  private OutputFiles() {}

  static void useS3aConfiguration(Configuration configuration) {
    s3a = configuration;
  }

  /** Every file (no folders) under {@code dir} whose name ends with {@code suffix}. */
  public static List<MatchResult.Metadata> list(String dir, String suffix) throws IOException {
    List<MatchResult.Metadata> files = new ArrayList<>();
    if (isS3a(dir)) {
      FileSystem fs = s3aFileSystem(dir);
      Path root = new Path(dir);
      if (!fs.exists(root)) {
        return files;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus s = it.next();
        String name = s.getPath().toString();
        if (s.isFile() && name.endsWith(suffix)) {
          files.add(
              MatchResult.Metadata.builder()
                  .setResourceId(FileSystems.matchNewResource(name, false))
                  .setSizeBytes(s.getLen())
                  .setLastModifiedMillis(s.getModificationTime())
                  .setIsReadSeekEfficient(true)
                  .build());
        }
      }
      return files;
    }
    MatchResult match = FileSystems.match(dir + "/**" + suffix, EmptyMatchTreatment.ALLOW);
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return files;
    }
    for (MatchResult.Metadata m : match.metadata()) {
      if (!m.resourceId().isDirectory()) {
        files.add(m);
      }
    }
    return files;
  }

  /**
   * Removes a whole s3a tree, folder markers included.
   *
   * @return false when {@code dir} is not on s3a (the caller deletes file by file)
   */
  static boolean deleteS3aTree(String dir) throws IOException {
    if (!isS3a(dir)) {
      return false;
    }
    s3aFileSystem(dir).delete(new Path(dir), true);
    return true;
  }

  /**
   * Removes the files under {@code root/relative} that voicegen writes ({@link
   * OutputOwnership#written}), then the folders a local tree leaves empty; any other file is kept.
   * A tree of voicegen's files only goes at once on s3a (folder markers included).
   *
   * @return the files kept, relative to {@code root}
   */
  public static List<String> deleteWritten(String root, String relative) throws IOException {
    String dir = root + "/" + relative;
    List<MatchResult.Metadata> all = list(dir, "");
    List<ResourceId> written = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (MatchResult.Metadata m : all) {
      String name = relativeTo(root, m.resourceId().toString());
      if (OutputOwnership.written(name)) {
        written.add(m.resourceId());
      } else {
        kept.add(name);
      }
    }
    if (kept.isEmpty() && deleteS3aTree(dir)) {
      return kept;
    }
    if (!written.isEmpty()) {
      FileSystems.delete(written, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
    deleteEmptyLocalDirectories(dir);
    return kept;
  }

  /**
   * {@code file}'s path below {@code root}, '/'-separated; a name spelled otherwise is returned
   * whole, which no voicegen name matches, so it is kept.
   */
  public static String relativeTo(String root, String file) {
    String r = root.endsWith("/") ? root : root + "/";
    return file.startsWith(r) ? file.substring(r.length()) : file;
  }

  /** Object stores have no folders; local ones under {@code dir} are removed bottom-up once empty. */
  public static void deleteEmptyLocalDirectories(String dir) throws IOException {
    if (dir.contains("://")) {
      return;
    }
    java.nio.file.Path root = java.nio.file.Path.of(dir);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<java.nio.file.Path> walk = Files.walk(root)) {
      for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue; // a file kept in the tree (the user's, or audio still described)
        }
        try (Stream<java.nio.file.Path> children = Files.list(p)) {
          if (children.findAny().isEmpty()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** A glob Hadoop expands to the Parquet files of {@code _resume/<stamp>/metadata/l=/s=/}. */
  public static String resumeGlob(String resumeDir) {
    return isS3a(resumeDir)
        ? resumeDir + "/*/metadata/*/*/*.parquet"
        : resumeDir + "/**.parquet";
  }

  static boolean isS3a(String uri) {
    return uri.startsWith("s3a://");
  }

  private static FileSystem s3aFileSystem(String dir) throws IOException {
    Configuration conf = s3a;
    if (conf == null) {
      throw new IOException(dir + ": s3a is not configured (S3Setup.configure was not called)");
    }
    return FileSystem.get(URI.create(dir), conf);
  }
}
