package dev.voicegen.models;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model published as plain files in a source repository (not on a model hub): each file is
 * fetched from {@code <baseUrl>/<repo>/<ref>/<path>}, the layout of GitHub's raw file host and of a
 * mirror that copies it, and must match the SHA-256 pinned here. The pins are the checksums of the
 * files the project's scorers are tested against ({@code ../shared/models}).
 *
 * @param name the name users type ({@code dnsmos})
 * @param baseUrl the raw file host, or a mirror ({@code --source})
 * @param repo owner/name
 * @param ref the commit or tag the files are fetched at
 * @param files what to fetch; nothing is installed unless every file matches
 * @param license the licence that travels with the files as {@link ModelLicense#NOTE_FILE}
 */
public record PinnedModelSource(
    String name, URI baseUrl, String repo, String ref, List<PinnedFile> files, ModelLicense license) {

  public static final URI GITHUB_RAW = URI.create("https://raw.githubusercontent.com");

  /**
   * One file.
   *
   * @param repoPath its path in the repository
   * @param local its name in the model directory
   * @param sha256 lower-case hex
   */
  public record PinnedFile(String repoPath, String local, String sha256) {}

  /**
   * DNSMOS P.835 and P.808 from microsoft/DNS-Challenge, at the last commit that changed them
   * (e14b010, December 2022; master still holds the same blobs).
   */
  public static PinnedModelSource dnsmos(URI baseUrl) {
    return new PinnedModelSource(
        "dnsmos",
        baseUrl,
        "microsoft/DNS-Challenge",
        "e14b010991d9d85c27070b79e34028bc60d789d6",
        List.of(
            new PinnedFile("DNSMOS/DNSMOS/sig_bak_ovr.onnx", "sig_bak_ovr.onnx",
                "269fbebdb513aa23cddfbb593542ecc540284a91849ac50516870e1ac78f6edd"),
            new PinnedFile("DNSMOS/DNSMOS/model_v8.onnx", "model_v8.onnx",
                "9246480c58567bc6affd4200938e77eef49468c8bc7ed3776d109c07456f6e91")),
        ModelLicense.DNSMOS_CC_BY);
  }

  /**
   * Silero VAD from snakers4/silero-vad at tag v6.2.1, the newest release whose
   * {@code silero_vad.onnx} is the pinned one (v6.2 holds it too), with the repository's MIT
   * licence text, which must travel with the model.
   */
  public static PinnedModelSource sileroVad(URI baseUrl) {
    return new PinnedModelSource(
        "silero-vad",
        baseUrl,
        "snakers4/silero-vad",
        "v6.2.1",
        List.of(
            new PinnedFile("src/silero_vad/data/silero_vad.onnx", "silero_vad.onnx",
                "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"),
            new PinnedFile("LICENSE", "LICENSE",
                "2e63e9a38b6e8fc0c7bc37ce174caca1862870856c6daf5697cfb785e925520b")),
        ModelLicense.SILERO_MIT);
  }

  /** The names {@code models pull} knows for these sources. */
  public static final List<String> KNOWN = List.of("dnsmos", "silero-vad");

  /**
   * @return the source, or null when {@code name} is not one of {@link #KNOWN}
   */
  public static PinnedModelSource named(String name, URI baseUrl) {
    return switch (name) {
      case "dnsmos" -> dnsmos(baseUrl);
      case "silero-vad" -> sileroVad(baseUrl);
      default -> null;
    };
  }

  /** The repository's web page at the pinned ref. */
  public URI page() {
    return URI.create("https://github.com/" + repo + "/tree/" + ref);
  }

  URI fileUri(PinnedFile file) {
    String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
    return URI.create(base + repo + "/" + ref + "/" + file.repoPath());
  }

  /** Where to get the files by hand when this machine cannot. */
  String byHand(String dir) {
    String urls = files.stream().map(f -> fileUri(f).toString()).collect(Collectors.joining(", "));
    return "download " + urls + " by hand into " + dir + " (SHA-256 in README \"Quality models\"),"
        + " or point --qualityModelDir at a folder that holds " + name + "/";
  }
}
