package dev.voicegen.pipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start line's JIT part, from the JVM's arguments. */
class RuntimeInfoTest {
  @Test
  void theCompilerDirectivesTheJvmGot() {
    assertEquals("JIT: compiler directives /v/bin/jit-directives.json",
        RuntimeInfo.jit(List.of("-Xmx4g", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:CompilerDirectivesFile=/v/bin/jit-directives.json", "-Dvoicegen.home=/v")));
    assertEquals("JIT: compiler directives /mine.json", RuntimeInfo.jit(List.of(
        "-XX:CompilerDirectivesFile=/v/bin/jit-directives.json", "-XX:CompilerDirectivesFile=/mine.json")),
        "the last one counts, as for the JVM");
    assertEquals("JIT: HotSpot's default (no compiler directives)",
        RuntimeInfo.jit(List.of("-Xmx4g", "-XX:CompilerDirectivesPrint")));
  }
}
