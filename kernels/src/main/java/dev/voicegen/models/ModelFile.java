package dev.voicegen.models;

/**
 * One file of a model directory.
 *
 * @param path relative path inside the model directory
 * @param size bytes
 * @param sha256 lower-case hex SHA-256; null when the source does not publish one
 */
public record ModelFile(String path, long size, String sha256) {}
