package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench-pipeline's engine-alone JVM starts with the JIT options that bin/voicegen-java gives the job. */
class PipelineThroughputJvmTest {
  @Test
  void theEngineAloneCompilesAsTheJobDoes() {
    String[] args = {"--modelDir=m", "--device=cuda:1", "--rounds=3", "--work=old"};
    List<String> command = PipelineThroughput.engineCommand(args, Path.of("w"),
        " -XX:Tier4InvocationThreshold=15000  -XX:Tier4CompileThreshold=45000 ");
    assertEquals(List.of("-XX:Tier4InvocationThreshold=15000", "-XX:Tier4CompileThreshold=45000"),
        command.subList(1, 3), command.toString());
    int main = command.indexOf(PipelineThroughput.class.getName());
    assertTrue(main > 2, command.toString());
    assertEquals(List.of("--modelDir=m", "--device=cuda:1", "--work=w", "--engineOnly=true"),
        command.subList(main + 1, command.size()));
  }

  @Test
  void noJitOptionsWhenUnsetOrBlank() {
    assertEquals(List.of(), PipelineThroughput.jitOptions(null));
    assertEquals(List.of(), PipelineThroughput.jitOptions("  "));
    List<String> command = PipelineThroughput.engineCommand(new String[0], Path.of("w"), "");
    assertFalse(command.stream().anyMatch(a -> a.startsWith("-XX:")), command.toString());
  }
}
