package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jit-directives.json, which bin/voicegen-java gives every voicegen JVM: on a program with the same hot
 * method in a voicegen package and in another, HotSpot's C2 (tier 4) compiles the voicegen one and never the
 * other, which still runs compiled by C1; without the directives C2 compiles both (so the test would see a
 * directives file that stopped excluding anything).
 */
class JitDirectivesTest {
  private static final Path DIRECTIVES =
      Path.of("..", "bin", "jit-directives.json").toAbsolutePath().normalize();
  private static final String HOT = """
      package %s;
      public class Hot {
        public static long spin(long n) {
          long s = 0;
          for (long i = 0; i < n; i++) {
            s += (i ^ (s >>> 3)) * 31;
          }
          return s;
        }
      }
      """;
  private static final String MAIN = """
      public class Main {
        public static void main(String[] args) {
          long s = 0;
          for (int i = 0; i < 100_000; i++) {
            s += dev.voicegen.jitprobe.Hot.spin(50) + org.example.jitprobe.Hot.spin(50);
          }
          System.out.println("sum " + s);
        }
      }
      """;

  @TempDir Path tmp;

  /** Compiles the program; returns its classes folder. */
  private Path program() throws Exception {
    List<String> sources = new ArrayList<>();
    for (String pkg : List.of("dev.voicegen.jitprobe", "org.example.jitprobe")) {
      Path dir = Files.createDirectories(tmp.resolve("src").resolve(pkg.replace('.', '/')));
      sources.add(Files.writeString(dir.resolve("Hot.java"), HOT.formatted(pkg), StandardCharsets.UTF_8).toString());
    }
    sources.add(Files.writeString(tmp.resolve("src/Main.java"), MAIN, StandardCharsets.UTF_8).toString());
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK runs the tests");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    args.addAll(sources);
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
    return classes;
  }

  /** The tiers at which the JVM compiled {@code method}, from its -XX:+PrintCompilation lines. */
  private static List<Integer> tiers(String printCompilation, String method) {
    // "    123   45       4       dev.voicegen.jitprobe.Hot::spin (27 bytes)": time, id, flags, tier, method
    Pattern line = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+" + Pattern.quote(method) + " ",
        Pattern.MULTILINE);
    List<Integer> tiers = new ArrayList<>();
    for (Matcher m = line.matcher(printCompilation); m.find(); ) {
      tiers.add(Integer.parseInt(m.group(1)));
    }
    return tiers;
  }

  private static String compilations(Path classes, boolean directives) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xbatch", "-XX:+PrintCompilation"));
    if (directives) {
      command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + DIRECTIVES));
    }
    command.addAll(List.of("-cp", classes.toString(), "Main"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("sum "), out);
    return out;
  }

  @Test
  void c2CompilesVoicegensCodeOnly() throws Exception {
    Path classes = program();
    String with = compilations(classes, true);
    List<Integer> ours = tiers(with, "dev.voicegen.jitprobe.Hot::spin");
    List<Integer> theirs = tiers(with, "org.example.jitprobe.Hot::spin");
    assertTrue(ours.contains(4), "C2 compiles voicegen's method: " + ours);
    assertFalse(theirs.contains(4), "and never the other's: " + theirs);
    assertFalse(theirs.isEmpty(), "which C1 still compiles");

    String without = compilations(classes, false);
    assertTrue(tiers(without, "org.example.jitprobe.Hot::spin").contains(4),
        "without the directives C2 compiles it too: " + tiers(without, "org.example.jitprobe.Hot::spin"));
  }
}
