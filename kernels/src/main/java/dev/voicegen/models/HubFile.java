package dev.voicegen.models;

/**
 * A file of the hub's listing.
 *
 * @param path its path in the repository
 * @param size bytes
 * @param sha256 the SHA-256 of an LFS file ({@code lfs.oid}), else null
 * @param gitOid the git blob id of a file kept in git itself ({@code oid}, SHA-1 of {@code "blob
 *     <size>\0"} and the bytes), else null: the only checksum the hub publishes for small files
 */
record HubFile(String path, long size, String sha256, String gitOid) {}
