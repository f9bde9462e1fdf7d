package dev.voicegen.beam.transcribe;

import java.io.Serializable;

/**
 * Where an input file came from.
 *
 * @param uri the file's full path or URI
 * @param folderName the name of its parent folder (the partition value)
 * @param fileName its name without the folder
 */
public record AudioFile(String uri, String folderName, String fileName) implements Serializable {

  /** Splits a path or URI into parent folder name and file name; a file at the root has folder "". */
  public static AudioFile of(String uri) {
    String path = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    int slash = path.lastIndexOf('/');
    String fileName = path.substring(slash + 1);
    String parent = slash < 0 ? "" : path.substring(0, slash);
    int parentSlash = parent.lastIndexOf('/');
    String folder = parent.substring(parentSlash + 1);
    if (folder.contains(":")) {
      // the bucket of s3://bucket/file.wav, or a Windows drive: no folder
      folder = "";
    }
    return new AudioFile(uri, folder, fileName);
  }
}
