package dev.voicegen.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model hub as {@link ModelDownloader} sees it (the Hugging Face API, see {@link ModelSource}):
 * the commit a revision names, the file listing at that commit, and file downloads. Redirects are
 * followed here, not by the HTTP client, so that the token goes to the hub's own host only and
 * never to a CDN host the hub redirects to (its signed URLs need no token).
 */
final class ModelHub {
  /** Redirects followed for one request; the hub answers with one or two (resolve, then CDN). */
  static final int MAX_REDIRECTS = 10;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** RFC 8288 web link of the next page, as the hub's paged listing sends it. */
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final HttpClient http;
  private final ModelSource source;
  private final HubToken token;
  private final Path dir;

  /**
   * @param token sent as {@code Authorization: Bearer} to the hub's host only; null sends none
   * @param dir the model directory, for the message that says where to put files by hand
   */
  ModelHub(Duration connectTimeout, ModelSource source, HubToken token, Path dir) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.source = source;
    this.token = token;
    this.dir = dir;
  }

  /** The commit the source's revision points to ({@code sha} of the revision endpoint). */
  String commit() throws IOException {
    URI uri = source.revisionUri();
    JsonNode info = json(uri);
    String sha = info.path("sha").asText("");
    if (sha.isEmpty()) {
      throw new ModelDownloadException(uri + " names no commit for revision " + source.revision());
    }
    return sha;
  }

  /** Every file at {@code commit}, with repository paths, sizes and checksums. */
  List<HubFile> listing(String commit) throws IOException {
    List<HubFile> files = new ArrayList<>();
    URI page = source.listingUri(commit);
    while (page != null) {
      HttpResponse<InputStream> response = send(page, null);
      expectOk(response, "listing " + source.page());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readAllBytes();
      }
      for (JsonNode n : JSON.readTree(body)) {
        if ("file".equals(n.path("type").asText("file"))) {
          JsonNode lfs = n.path("lfs");
          String sha = lfs.isMissingNode() ? null : lfs.path("oid").asText(null);
          String git = lfs.isMissingNode() ? n.path("oid").asText(null) : null;
          files.add(new HubFile(n.path("path").asText(), n.path("size").asLong(), sha, git));
        }
      }
      page = next(page, response);
    }
    return files;
  }

  /**
   * Opens a file of the repository at {@code commit}.
   *
   * @param range an HTTP Range value, or null for the whole file
   * @return the final response after redirects: 200, 206, or another status for the caller
   */
  HttpResponse<InputStream> open(String commit, String repoPath, String range) throws IOException {
    return send(source.fileUri(commit, repoPath), range);
  }

  private JsonNode json(URI uri) throws IOException {
    HttpResponse<InputStream> response = send(uri, null);
    expectOk(response, uri.toString());
    try (InputStream in = response.body()) {
      return JSON.readTree(in);
    }
  }

  private void expectOk(HttpResponse<InputStream> response, String what) throws IOException {
    if (response.statusCode() != 200) {
      response.body().close();
      throw new ModelDownloadException(what + " answered HTTP " + response.statusCode()
          + (response.statusCode() == 404 ? " (no such repository or revision " + source.revision() + ")" : ""));
    }
  }

  private HttpResponse<InputStream> send(URI first, String range) throws IOException {
    URI at = first;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(60)).GET();
      if (range != null) {
        request.header("Range", range);
      }
      boolean hub = sameOrigin(at, source.baseUrl());
      if (hub && token != null) {
        request.header("Authorization", "Bearer " + token.value());
      }
      HttpResponse<InputStream> response = exchange(request.build());
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        response.body().close();
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new ModelDownloadException(at.getHost() + " redirected without a Location");
        }
        if (hop == MAX_REDIRECTS) {
          throw new ModelDownloadException(first + ": more than " + MAX_REDIRECTS + " redirects");
        }
        at = at.resolve(location);
        continue;
      }
      if (hub && (status == 401 || status == 403)) {
        response.body().close();
        throw gated(status);
      }
      return response;
    }
  }

  private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
      throw offline(e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnknownHostException
          || e.getCause() instanceof UnresolvedAddressException
          || e.getCause() instanceof ConnectException) {
        throw offline(e);
      }
      throw new ModelDownloadException(request.uri().getHost() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelDownloadException("interrupted while downloading " + source.name());
    }
  }

  private GatedModelException gated(int status) {
    String sent =
        token == null
            ? "no token was found"
            : "the " + token + " was refused";
    return new GatedModelException(
        source.page() + " answered HTTP " + status + " (" + sent + "): it is a gated repository;"
            + " log in there and accept its terms, then " + HubToken.HOW);
  }

  private ModelDownloadException offline(Exception e) {
    return new ModelDownloadException(
        "cannot reach " + source.baseUrl() + " (" + e.getClass().getSimpleName() + "); "
            + source.byHand(dir.toString()),
        e);
  }

  private static URI next(URI page, HttpResponse<?> response) {
    for (String link : response.headers().allValues("Link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        return page.resolve(m.group(1));
      }
    }
    return null;
  }

  /** Same scheme, host and port: the token's only destination. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(b.getHost()).toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
