package dev.voicegen.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A local stand-in for the Hugging Face hub, with its API's shapes: {@code
 * /api/models/R/revision/REV} ({@code sha}, {@code siblings}), a recursive tree listing paged by a
 * {@code Link: rel="next"} header (directories listed too; {@code lfs.oid} = SHA-256 for LFS files),
 * and {@code /R/resolve/REV/PATH}, which answers LFS files with a 302 to a signed URL on a second
 * server, the CDN, on another host (127.0.0.2) and port. A gated hub answers a resolve without a
 * token 401 and one with another user's token 403, as the hub does before its terms are accepted.
 * Every request is recorded with the Authorization header it carried.
 */
public final class FakeHub implements AutoCloseable {
  /** The token of a user who accepted the terms. */
  public static final String TOKEN = "hf_fakeTokenOfAUserWhoAccepted";

  private final String repo;
  private final boolean gated;
  private final HttpServer hub;
  private final HttpServer cdn;
  private final Map<String, TreeMap<String, byte[]>> commits = new HashMap<>();
  private final Map<String, String> refs = new HashMap<>();
  private final Map<String, byte[]> blobs = new HashMap<>();
  /** Bytes served instead of the listed ones, by repository path: a transfer gone wrong. */
  private final Map<String, byte[]> damaged = new HashMap<>();
  /** Requests as "host path auth=VALUE|none range=VALUE|none". */
  public final List<String> hubRequests = new CopyOnWriteArrayList<>();
  public final List<String> cdnRequests = new CopyOnWriteArrayList<>();
  int pageSize = 4;

  public FakeHub(String repo, boolean gated) throws IOException {
    this.repo = repo;
    this.gated = gated;
    hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hub.createContext("/", ex -> answer(ex, hubRequests, this::hub));
    hub.start();
    cdn = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    cdn.createContext("/", ex -> answer(ex, cdnRequests, this::cdn));
    cdn.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
  }

  /** Adds every file under {@code tree} to {@code commit}, under {@code prefix} ("" or "dir/"). */
  public FakeHub add(String commit, Path tree, String prefix) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        put(commit, prefix + tree.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return this;
  }

  public FakeHub put(String commit, String path, byte[] bytes) {
    commits.computeIfAbsent(commit, c -> new TreeMap<>()).put(path, bytes);
    refs.putIfAbsent(commit, commit);
    return this;
  }

  public FakeHub put(String commit, String path, String text) {
    return put(commit, path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Points a branch at a commit. */
  public FakeHub branch(String name, String commit) {
    refs.put(name, commit);
    return this;
  }

  /** Serves {@code bytes} for {@code path} while the listing keeps the true size and checksums. */
  public FakeHub damage(String path, byte[] bytes) {
    damaged.put(path, bytes);
    return this;
  }

  public byte[] file(String commit, String path) {
    return commits.get(commit).get(path);
  }

  /** The hub's default .gitattributes sends these to LFS (with a SHA-256); the rest are git blobs. */
  static boolean lfs(String path) {
    return path.endsWith(".onnx") || path.endsWith(".npy") || path.contains(".onnx.data")
        || path.endsWith(".onnx_data");
  }

  @Override
  public void close() {
    hub.stop(0);
    cdn.stop(0);
  }

  private interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  private static void answer(HttpExchange ex, List<String> log, Handler h) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String range = ex.getRequestHeaders().getFirst("Range");
    log.add(ex.getRequestURI().getPath() + " auth=" + (auth == null ? "none" : auth) + " range="
        + (range == null ? "none" : range));
    try {
      h.handle(ex);
    } finally {
      ex.close();
    }
  }

  private void hub(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = String.valueOf(ex.getRequestURI().getQuery());
    String api = "/api/models/" + repo + "/";
    String resolve = "/" + repo + "/resolve/";
    if (path.startsWith(api + "revision/")) {
      String commit = refs.get(path.substring((api + "revision/").length()));
      if (commit == null) {
        send(ex, 404, "{\"error\":\"Revision Not Found\"}".getBytes(), null);
        return;
      }
      ObjectNode info = new ObjectMapper().createObjectNode().put("id", repo).put("sha", commit);
      ArrayNode siblings = info.putArray("siblings");
      commits.get(commit).keySet().forEach(p -> siblings.addObject().put("rfilename", p));
      send(ex, 200, info.toString().getBytes(), null);
    } else if (path.startsWith(api + "tree/")) {
      tree(ex, path.substring((api + "tree/").length()), query);
    } else if (path.startsWith(resolve)) {
      String rest = path.substring(resolve.length());
      String commit = refs.get(rest.substring(0, rest.indexOf('/')));
      String repoPath = rest.substring(rest.indexOf('/') + 1);
      byte[] body = commit == null ? null : damaged.getOrDefault(repoPath, commits.get(commit).get(repoPath));
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (gated && auth == null) {
        send(ex, 401, "Access to this model is restricted. You must be authenticated.".getBytes(), null);
      } else if (gated && !("Bearer " + TOKEN).equals(auth)) {
        send(ex, 403, "You are not in the authorized list: accept the conditions.".getBytes(), null);
      } else if (body == null) {
        send(ex, 404, new byte[0], null);
      } else if (lfs(rest)) {
        String sha = sha256(body);
        blobs.put(sha, body);
        ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + cdn.getAddress().getPort()
            + "/repos/" + sha + "?X-Amz-Signature=" + Integer.toHexString(sha.hashCode()));
        send(ex, 302, new byte[0], null);
      } else {
        send(ex, 200, body, ex.getRequestHeaders().getFirst("Range"));
      }
    } else {
      send(ex, 404, new byte[0], null);
    }
  }

  private void tree(HttpExchange ex, String revision, String query) throws IOException {
    TreeMap<String, byte[]> files = commits.get(refs.get(revision));
    if (files == null) {
      send(ex, 404, new byte[0], null);
      return;
    }
    // a recursive listing names every folder and file; without recursive=true only the top level
    boolean recursive = query.contains("recursive=true");
    List<ObjectNode> entries = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    java.util.Set<String> folders = new java.util.TreeSet<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String p = e.getKey();
      for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        folders.add(p.substring(0, i));
      }
      if (!recursive && p.contains("/")) {
        continue;
      }
      ObjectNode n = json.createObjectNode().put("type", "file").put("oid", gitBlobId(e.getValue()))
          .put("size", e.getValue().length).put("path", p);
      if (lfs(p)) {
        n.putObject("lfs").put("oid", sha256(e.getValue())).put("size", e.getValue().length)
            .put("pointerSize", 134);
      }
      entries.add(n);
    }
    folders.stream().filter(f -> recursive || !f.contains("/")).forEach(f ->
        entries.add(json.createObjectNode().put("type", "directory").put("oid", "1".repeat(40))
            .put("size", 0).put("path", f)));
    int from = query.contains("cursor=") ? Integer.parseInt(query.replaceAll(".*cursor=(\\d+).*", "$1")) : 0;
    int to = Math.min(entries.size(), from + pageSize);
    ArrayNode page = json.createArrayNode();
    entries.subList(from, to).forEach(page::add);
    if (to < entries.size()) {
      ex.getResponseHeaders().add("Link", "<" + base() + "/api/models/" + repo + "/tree/" + revision
          + "?recursive=" + recursive + "&cursor=" + to + ">; rel=\"next\"");
    }
    send(ex, 200, page.toString().getBytes(), null);
  }

  private void cdn(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body = path.startsWith("/repos/") ? blobs.get(path.substring("/repos/".length())) : null;
    if (body == null || !String.valueOf(ex.getRequestURI().getQuery()).startsWith("X-Amz-Signature=")) {
      send(ex, 403, "signature".getBytes(), null);
      return;
    }
    send(ex, 200, body, ex.getRequestHeaders().getFirst("Range"));
  }

  private static void send(HttpExchange ex, int status, byte[] body, String range) throws IOException {
    if (range != null && status == 200) {
      int from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
      body = Arrays.copyOfRange(body, from, body.length);
      status = 206;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  /** git hash-object: SHA-1 of "blob SIZE\0" and the bytes. */
  static String gitBlobId(byte[] bytes) {
    try {
      java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().formatHex(sha1.digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
