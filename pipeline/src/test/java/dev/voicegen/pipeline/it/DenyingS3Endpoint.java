package dev.voicegen.pipeline.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 endpoint that refuses every request the way AWS S3 refuses a request signed with an
 * access key it does not know: HTTP 403, error code {@code InvalidAccessKeyId}. S3Mock accepts
 * any credentials (it checks no signature), so denied credentials cannot be had from it; this
 * stand-in gives the job a real 403 through the real SDK and Hadoop code paths.
 */
final class DenyingS3Endpoint implements AutoCloseable {
  private static final byte[] BODY =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidAccessKeyId</Code>"
              + "<Message>The AWS Access Key Id you provided does not exist in our records.</Message>"
              + "<RequestId>voicegen-it</RequestId></Error>")
          .getBytes(StandardCharsets.UTF_8);
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  DenyingS3Endpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
          }
          exchange.getResponseHeaders().set("Content-Type", "application/xml");
          exchange.getResponseHeaders().set("x-amz-request-id", "voicegen-it");
          if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(403, -1); // S3 answers HEAD without a body
          } else {
            exchange.sendResponseHeaders(403, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(BODY);
            }
          }
          exchange.close();
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many requests were refused: more than none shows the job asked this endpoint. */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
