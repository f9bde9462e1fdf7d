package dev.voicegen.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for GitHub's raw file host: serves real files at {@code /<repo>/<ref>/<path>},
 * optionally with one byte flipped (a transfer gone wrong), or answers a path with a 302 to
 * another path (as a mirror or a moved ref does). Requests are recorded.
 */
public final class RawFileServer implements AutoCloseable {
  /** The shared real models, from a module's test working directory (../shared from the repository root). */
  public static final Path SHARED_MODELS = Path.of("../../shared/models").toAbsolutePath().normalize();

  private final HttpServer server;
  private final Map<String, Path> files = new HashMap<>();
  private final Map<String, String> redirects = new HashMap<>();
  private final Map<String, Integer> corrupt = new HashMap<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();

  public RawFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** Serves the real files of both quality models at the refs their sources pin. */
  public static RawFileServer servingTheQualityModels() throws IOException {
    RawFileServer s = new RawFileServer();
    for (PinnedModelSource source : List.of(PinnedModelSource.dnsmos(s.base()), PinnedModelSource.sileroVad(s.base()))) {
      for (PinnedModelSource.PinnedFile f : source.files()) {
        s.serve(source.fileUri(f).getPath(), SHARED_MODELS.resolve(source.name()).resolve(f.local()));
      }
    }
    return s;
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public RawFileServer serve(String path, Path file) {
    files.put(path, file);
    return this;
  }

  /** Answers {@code from} with a 302 to {@code to}. */
  public RawFileServer redirect(String from, String to) {
    redirects.put(from, to);
    return this;
  }

  /** Flips the bits of byte {@code offset} of the file served at {@code path}. */
  public RawFileServer corrupt(String path, int offset) {
    corrupt.put(path, offset);
    return this;
  }

  private void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(path);
    try (ex) {
      if (redirects.containsKey(path)) {
        ex.getResponseHeaders().add("Location", redirects.get(path));
        ex.sendResponseHeaders(302, -1);
        return;
      }
      Path file = files.get(path);
      if (file == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      Integer at = corrupt.get(path);
      if (at != null) {
        body[at] ^= (byte) 0xff;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
