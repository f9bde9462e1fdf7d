package dev.voicegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Mermaid block of architecture.md and dfd.md renders with mermaid-cli in chromium. */
class DocsRenderTest {

  @Test
  void everyMermaidBlockRenders() throws IOException, InterruptedException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path out = Path.of("target", "mermaid").toAbsolutePath();
    long blocks = 0;
    for (String doc : new String[] {"architecture.md", "dfd.md"}) {
      try (Stream<String> lines = Files.lines(root.resolve(doc))) {
        blocks += lines.filter(l -> l.strip().equals("```mermaid")).count();
      }
    }
    Process p =
        new ProcessBuilder(root.resolve("tools/mermaid/render-docs.sh").toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "renderer finished");
    assertEquals(0, p.exitValue(), log);
    try (Stream<Path> svgs = Files.list(out)) {
      assertEquals(blocks, svgs.filter(f -> f.toString().endsWith(".svg")).count(), log);
    }
    assertTrue(blocks >= 7, "architecture.md and dfd.md hold their diagrams");
  }
}
