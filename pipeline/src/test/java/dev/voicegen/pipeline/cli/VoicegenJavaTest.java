package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/voicegen-java, which bin/voicegen execs: on a small jar of its own (a main that prints its
 * arguments and exits with the code its first one names), the first successful run of a command
 * writes the class-data archive, the next run maps its classes from it (the JVM's class+load log
 * says "shared objects file (top)"), and a rebuilt jar, a failed run or VOICEGEN_CDS=0 neither use
 * nor keep a stale one. Every JVM it starts gets the compiler directives of bin/jit-directives.json
 * (not with VOICEGEN_JIT_DIRECTIVES=0), and stdout still carries the command's output only.
 */
class VoicegenJavaTest {
  private static final Path SCRIPT = Path.of("..", "bin", "voicegen-java").toAbsolutePath().normalize();
  private static final String MAIN = """
      public class Main {
        public static void main(String[] args) {
          if (args.length > 0 && args[0].equals("jvm-arguments")) {
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .forEach(a -> System.out.println("jvm " + a));
          }
          System.out.println("args " + String.join(" ", args));
          int code = args.length > 0 && args[0].startsWith("exit") ? Integer.parseInt(args[0].substring(4)) : 0;
          System.exit(code);
        }
      }
      """;

  @TempDir Path tmp;
  private Path jar;

  /** The jar: Main compiled here and packed with its Main-Class. */
  @BeforeEach
  void jar() throws IOException {
    Path src = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("Main.java"), MAIN,
        StandardCharsets.UTF_8);
    Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK runs the tests");
    assertEquals(0, javac.run(null, null, null, "-d", tmp.resolve("classes").toString(), src.toString()));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
    jar = Files.createDirectories(tmp.resolve("target")).resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.putNextEntry(new JarEntry("Main.class"));
      j.write(Files.readAllBytes(tmp.resolve("classes/Main.class")));
      j.closeEntry();
    }
  }

  /** Exit code, stdout and stderr of the script; {@code classLog} receives the JVM's class+load log. */
  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, Path classLog, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().put("VOICEGEN_JAVA_OPTS", "-Xmx64m -Xlog:class+load=info:file=" + classLog);
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(out), Files.readString(err));
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> s = Files.list(jar.getParent())) {
      return s.filter(p -> !p.equals(jar)).sorted().toList();
    }
  }

  /** Whether the run whose class log this is mapped Main from the archive. */
  private static boolean mainFromArchive(Path classLog) throws IOException {
    return Files.readAllLines(classLog).stream()
        .anyMatch(l -> l.contains(" Main source: shared objects file (top)"));
  }

  @Test
  void theFirstRunWritesTheArchiveAndTheNextMapsFromIt() throws Exception {
    Run first = run(Map.of(), tmp.resolve("c1.log"), "transcribe", "--x=1");
    assertEquals(0, first.exit(), first.err());
    assertEquals("args transcribe --x=1\n", first.out(), "stdout holds the command's own output only");
    assertFalse(mainFromArchive(tmp.resolve("c1.log")));
    List<Path> made = archives();
    assertEquals(1, made.size(), made.toString());
    assertTrue(made.get(0).getFileName().toString().matches("voicegen-transcribe-[0-9]+\\.jsa"), made.toString());

    Run second = run(Map.of(), tmp.resolve("c2.log"), "transcribe", "--x=2");
    assertEquals(0, second.exit(), second.err());
    assertEquals("args transcribe --x=2\n", second.out());
    assertTrue(mainFromArchive(tmp.resolve("c2.log")), "the second run maps Main from the archive");
    assertEquals(made, archives());

    // another command has an archive of its own
    run(Map.of(), tmp.resolve("c3.log"), "analyze");
    assertFalse(mainFromArchive(tmp.resolve("c3.log")));
    assertEquals(2, archives().size(), archives().toString());
  }

  @Test
  void aRebuiltJarIsNotRunWithTheOlderArchive() throws Exception {
    run(Map.of(), tmp.resolve("c1.log"), "run");
    Path archive = archives().get(0);
    // as after a rebuild: the jar newer than the archive
    Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5000));
    Run rebuilt = run(Map.of(), tmp.resolve("c2.log"), "run");
    assertEquals(0, rebuilt.exit());
    assertFalse(mainFromArchive(tmp.resolve("c2.log")), "an archive older than the jar is not mapped");
    assertEquals("", rebuilt.err(), "nor does the JVM complain of one");
    assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "that run wrote it anew");
    assertEquals(0, run(Map.of(), tmp.resolve("c3.log"), "run").exit());
    assertTrue(mainFromArchive(tmp.resolve("c3.log")), "and the run after maps from the new one");
  }

  @Test
  void aFailedRunKeepsNoArchiveAndGivesItsExitCode() throws Exception {
    Run failed = run(Map.of(), tmp.resolve("c1.log"), "exit3");
    assertEquals(3, failed.exit());
    assertEquals(List.of(), archives(), "no archive, no temporary file");
  }

  @Test
  void voicegenCdsZeroWritesNone() throws Exception {
    Run off = run(Map.of("VOICEGEN_CDS", "0"), tmp.resolve("c1.log"), "run");
    assertEquals(0, off.exit(), off.err());
    assertEquals(List.of(), archives());
  }

  private static List<String> jvmArguments(Run run) {
    return run.out().lines().filter(l -> l.startsWith("jvm ")).map(l -> l.substring(4)).toList();
  }

  @Test
  void everyJvmGetsTheCompilerDirectivesUnlessTurnedOff() throws Exception {
    Path directives = SCRIPT.resolveSibling("jit-directives.json");
    Run on = run(Map.of(), tmp.resolve("c1.log"), "jvm-arguments");
    assertEquals(0, on.exit(), on.err());
    assertTrue(jvmArguments(on).contains("-XX:CompilerDirectivesFile=" + directives), jvmArguments(on).toString());
    assertTrue(on.out().endsWith("args jvm-arguments\n"), "nothing of the JVM's after the command's own output");
    assertFalse(on.out().contains("directives added"), "the JVM's note on the directives stays off stdout");
    assertEquals("", on.err());

    Run off = run(Map.of("VOICEGEN_JIT_DIRECTIVES", "0"), tmp.resolve("c2.log"), "jvm-arguments");
    assertEquals(0, off.exit(), off.err());
    assertTrue(jvmArguments(off).stream().noneMatch(a -> a.contains("CompilerDirectives")),
        jvmArguments(off).toString());
    assertTrue(jvmArguments(off).contains("-Xmx64m"), "VOICEGEN_JAVA_OPTS still reach the JVM");
  }
}
