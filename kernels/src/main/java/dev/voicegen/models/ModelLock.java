package dev.voicegen.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code voicegen-model.lock.json} in a model directory: what was pulled from where, with each
 * file's size and SHA-256, so that {@code models verify} can re-check the directory later. It holds
 * no credentials.
 *
 * @param name the model's name ({@code xtts-v2})
 * @param source the repository's page
 * @param revision the revision asked for (a branch, tag or commit)
 * @param commit the commit that revision resolved to, which every file was downloaded at
 * @param license the weights' licence id ({@link ModelLicense#id}), or null
 * @param files the files, by their path in the model directory
 */
public record ModelLock(
    String name, String source, String revision, String commit, String license, List<ModelFile> files) {
  public static final String FILE = "voicegen-model.lock.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path dir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", name);
    root.put("source", source);
    root.put("revision", revision);
    root.put("commit", commit);
    root.put("license", license);
    ArrayNode array = root.putArray("files");
    for (ModelFile f : files) {
      ObjectNode n = array.addObject();
      n.put("path", f.path());
      n.put("size", f.size());
      n.put("sha256", f.sha256());
    }
    Path tmp = dir.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * @throws IOException naming the file when the lock is missing or unreadable
   */
  public static ModelLock read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file + " does not exist: run 'bin/voicegen models pull' first (it records every file's"
              + " SHA-256 there)");
    }
    JsonNode root = JSON.readTree(file.toFile());
    List<ModelFile> files = new ArrayList<>();
    for (JsonNode n : root.path("files")) {
      files.add(new ModelFile(n.path("path").asText(), n.path("size").asLong(), n.path("sha256").asText(null)));
    }
    return new ModelLock(
        root.path("name").asText(),
        root.path("source").asText(),
        root.path("revision").asText(),
        root.path("commit").asText(null),
        root.path("license").asText(null),
        files);
  }
}
