package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/device-check's preflight as a process on this machine (no GPU): each missing requirement stops it
 * at once with its own line on stderr, its own exit code and a failed line in the figures file, before
 * any build. A fake nvidia-smi on PATH and empty files named like the CUDA libraries on LD_LIBRARY_PATH
 * stand in for the GPU machine, so every check up to the build is reached.
 */
class DeviceCheckPreflightTest {
  private static final List<String> CUDA_LIBS = List.of("libcuda.so.1", "libcudart.so.12", "libcublas.so.12",
      "libcublasLt.so.12", "libcurand.so.10", "libcudnn.so.9");

  @TempDir Path tmp;
  private Path fakeBin;
  private Path libs;
  private Path figures;

  /** What one run left: exit code, stderr, the figures file. */
  record Run(int exit, String err, String figures) {}

  @BeforeEach
  void dirs() throws IOException {
    fakeBin = Files.createDirectories(tmp.resolve("bin"));
    libs = Files.createDirectories(tmp.resolve("lib"));
    figures = tmp.resolve("out/figures.txt");
  }

  @Test
  void noNvidiaSmiStopsAtOnce() throws Exception {
    assumeFalse(onPath("nvidia-smi"), "this machine has nvidia-smi");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(10, r.exit(), r.err());
    assertEquals("device-check: no NVIDIA GPU (nvidia-smi not found)", lastLine(r.err()));
    assertTrue(r.figures().contains("stage=preflight status=failed exit=10"), r.figures());
    assertFalse(r.figures().contains("stage=build"), r.figures());
  }

  @Test
  void nvidiaSmiWithoutAGpu() throws Exception {
    fakeNvidiaSmi("echo 'No devices were found'; exit 6");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(11, r.exit(), r.err());
    assertEquals("device-check: nvidia-smi lists no GPU (exit 6): No devices were found", lastLine(r.err()));
  }

  @Test
  void driverOlderThanCuda12() throws Exception {
    fakeGpu("11.4");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(11, r.exit(), r.err());
    assertTrue(lastLine(r.err()).contains("the NVIDIA driver supports CUDA 11.4; onnxruntime_gpu 1.28.0 needs CUDA 12"),
        r.err());
    assertTrue(r.figures().contains("gpu 0, NVIDIA H200, 570.124.06, 143771 MiB"), r.figures());
  }

  @Test
  void missingCudaLibrariesAreNamed() throws Exception {
    assumeFalse(systemHas("libcudnn.so.9") || systemHas("libcurand.so.10"), "this machine has cuDNN 9 / cuRAND");
    fakeGpu("12.8");
    for (String lib : CUDA_LIBS) {
      if (!lib.equals("libcudnn.so.9") && !lib.equals("libcurand.so.10")) {
        Files.createFile(libs.resolve(lib));
      }
    }
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + libs), "--device=cuda");
    assertEquals(12, r.exit(), r.err());
    String line = lastLine(r.err());
    assertTrue(line.startsWith("device-check: CUDA libraries missing: libcurand.so.10 libcudnn.so.9 "
        + "(onnxruntime_gpu 1.28.0 needs CUDA 12.x and cuDNN 9.x"), line);
    assertTrue(r.figures().contains("libcudart.so.12=" + libs.resolve("libcudart.so.12")), r.figures());
  }

  @Test
  void offlineBuildWithoutOnnxruntimeGpuInTheRepository() throws Exception {
    allLibraries();
    Path repo = Files.createDirectories(tmp.resolve("m2"));
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", repo.toString()), "--device=cuda");
    assertEquals(14, r.exit(), r.err());
    assertTrue(lastLine(r.err()).startsWith("device-check: onnxruntime_gpu 1.28.0 is not in the local Maven "
        + "repository (" + repo + "/com/microsoft/onnxruntime/onnxruntime_gpu/1.28.0/onnxruntime_gpu-1.28.0.jar)"),
        r.err());
  }

  @Test
  void prebuiltJarsMissing() throws Exception {
    Path jar = BenchCorpus.root().resolve("benchmarks/target-cuda/benchmarks.jar");
    assumeFalse(Files.exists(jar), "GPU jars are built here");
    allLibraries();
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString()), "--device=cuda", "--prebuilt");
    assertEquals(14, r.exit(), r.err());
    assertTrue(lastLine(r.err()).startsWith("device-check: --prebuilt: " + jar + " is missing"), r.err());
  }

  @Test
  void modelDirectoryWithoutMetadata() throws Exception {
    allLibraries();
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", fakeRepository().toString()),
        "--device=cuda", "--model=" + tmp.resolve("no-model"), "--preflight-only");
    assertEquals(16, r.exit(), r.err());
    assertTrue(lastLine(r.err()).startsWith("device-check: --model=" + tmp.resolve("no-model")
        + ": no metadata.json"), r.err());
  }

  @Test
  void preflightPassesWhenEverythingIsThere() throws Exception {
    allLibraries();
    String tiny = BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS).toString();
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", fakeRepository().toString()),
        "--device=cuda", "--model=" + tiny, "--preflight-only");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.figures().contains("stage=preflight status=ok"), r.figures());
    assertTrue(r.figures().contains("driver cuda_version=12.8"), r.figures());
    assertFalse(r.figures().contains("stage=build"), r.figures());
  }

  @Test
  void unknownOptionAndDevice() throws Exception {
    Run r = deviceCheck(Map.of(), "--gpu");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("unknown option --gpu"), r.err());
    r = deviceCheck(Map.of(), "--device=rocm");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--device=rocm: expected cuda, cuda:N or cpu"), r.err());
  }

  private Run deviceCheck(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BenchCorpus.root().resolve("bin/device-check").toString(),
        "--out=" + figures));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout").toFile())
        .redirectError(tmp.resolve("stderr").toFile());
    pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
    pb.environment().remove("LD_LIBRARY_PATH");
    pb.environment().remove("OUT");
    pb.environment().putAll(env);
    Process p = pb.start();
    // a preflight is quick: java -version and mvn -v are its slowest steps
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "device-check's preflight finished within 60 s");
    String fig = Files.exists(figures) ? Files.readString(figures) : "";
    return new Run(p.exitValue(), Files.readString(tmp.resolve("stderr")), fig);
  }

  private void fakeNvidiaSmi(String body) throws IOException {
    Path smi = fakeBin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** An nvidia-smi that answers the query with one H200 and prints a banner with the driver's CUDA version. */
  private void fakeGpu(String cudaVersion) throws IOException {
    fakeNvidiaSmi("case \"$1\" in --query-gpu=*) echo '0, NVIDIA H200, 570.124.06, 143771 MiB' ;;\n"
        + "*) echo '| NVIDIA-SMI 570.124.06   Driver Version: 570.124.06   CUDA Version: " + cudaVersion + "     |' ;;\n"
        + "esac");
  }

  private void allLibraries() throws IOException {
    fakeGpu("12.8");
    for (String lib : CUDA_LIBS) {
      Files.createFile(libs.resolve(lib));
    }
  }

  /** A local repository holding a file where onnxruntime_gpu's jar goes (the preflight checks that it is there). */
  private Path fakeRepository() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("m2/com/microsoft/onnxruntime/onnxruntime_gpu/1.28.0"));
    Files.createFile(dir.resolve("onnxruntime_gpu-1.28.0.jar"));
    return tmp.resolve("m2");
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static boolean systemHas(String lib) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", "ldconfig -p 2>/dev/null || /sbin/ldconfig -p").start();
    String cache = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return cache.contains(lib + " ");
  }
}
