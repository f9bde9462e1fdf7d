package dev.voicegen.pipeline.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the integration tests find what the build made: the shaded jar, the checkout, tools. */
final class ItEnvironment {
  private ItEnvironment() {}

  /** The shaded voicegen.jar of this build (the failsafe configuration passes it). */
  static Path jar() {
    return existing("voicegen.it.jar", "the shaded jar; run the ITs with mvn -Pit verify");
  }

  /** The checkout root (run-configs/, bin/). */
  static Path home() {
    return existing("voicegen.it.home", "the checkout root");
  }

  /** S3Mock's executable jar, copied by the it profile from Maven Central. */
  static Path s3mockJar() {
    return existing("voicegen.it.s3mock", "S3Mock's exec jar");
  }

  /** The work folder of one IT class under target/it (created). */
  static Path workDir(Class<?> test) throws IOException {
    Path dir = Path.of(System.getProperty("voicegen.it.work", "target/it")).toAbsolutePath()
        .resolve(test.getSimpleName());
    Files.createDirectories(dir);
    return dir;
  }

  private static Path existing(String property, String what) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("-D" + property + " (" + what + ") is not set");
    }
    Path p = Path.of(value).toAbsolutePath();
    if (!Files.exists(p)) {
      throw new IllegalStateException(property + "=" + p + " does not exist");
    }
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
