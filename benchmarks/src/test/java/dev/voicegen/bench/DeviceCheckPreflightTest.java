package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.voicegen.onnx.OrtReleaseLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/device-check's preflight as a process on this machine (no GPU): every missing requirement gets its
 * own line on stderr and in the figures file, the first one's exit code ends the run, and nothing is
 * built. A fake nvidia-smi on PATH and empty files named like the CUDA libraries on LD_LIBRARY_PATH
 * stand in for the GPU machine, so every check up to the build is reached. With --ort-lib, ONNX
 * Runtime's CPU libraries from the jar stand in for its GPU build, and a copy of the JNI library whose
 * dependency is renamed to a CUDA library stands in for the CUDA provider (ldd reads what it links).
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
  void noNvidiaSmiIsTheFirstProblem() throws Exception {
    assumeFalse(onPath("nvidia-smi"), "this machine has nvidia-smi");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(10, r.exit(), r.err());
    assertEquals("device-check: no NVIDIA GPU (nvidia-smi not found)", line(r.err(), "device-check: no NVIDIA"));
    assertTrue(r.figures().contains("stage=preflight status=failed exit=10"), r.figures());
    assertFalse(r.figures().contains("stage=build"), r.figures());
  }

  @Test
  void nvidiaSmiWithoutAGpu() throws Exception {
    fakeNvidiaSmi("echo 'No devices were found'; exit 6");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(11, r.exit(), r.err());
    assertEquals("device-check: nvidia-smi lists no GPU (exit 6): No devices were found",
        line(r.err(), "device-check: nvidia-smi"));
  }

  @Test
  void driverOlderThanCuda12() throws Exception {
    fakeGpu("11.4");
    Run r = deviceCheck(Map.of(), "--device=cuda");
    assertEquals(11, r.exit(), r.err());
    assertEquals("device-check: the NVIDIA driver supports CUDA 11.4; onnxruntime_gpu 1.28.0 needs CUDA 12",
        line(r.err(), "device-check: the NVIDIA driver"));
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
    String line = line(r.err(), "device-check: CUDA libraries missing: ");
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
    assertTrue(line(r.err(), "device-check: onnxruntime_gpu").startsWith("device-check: onnxruntime_gpu 1.28.0 is not "
        + "in the local Maven repository (" + repo + "/com/microsoft/onnxruntime/onnxruntime_gpu/1.28.0/"
        + "onnxruntime_gpu-1.28.0.jar)"), r.err());
  }

  @Test
  void prebuiltJarsMissing() throws Exception {
    Path jar = BenchCorpus.root().resolve("benchmarks/target-cuda/benchmarks.jar");
    assumeFalse(Files.exists(jar), "GPU jars are built here");
    allLibraries();
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString()), "--device=cuda", "--prebuilt");
    assertEquals(14, r.exit(), r.err());
    assertTrue(line(r.err(), "device-check: --prebuilt").startsWith("device-check: --prebuilt: " + jar + " is missing"),
        r.err());
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
  void everyProblemIsReportedAndTheFirstOnesCodeEndsTheRun() throws Exception {
    assumeFalse(systemHas("libcudnn.so.9"), "this machine has cuDNN 9");
    fakeGpu("12.8");
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", fakeRepository().toString()),
        "--device=cuda", "--model=" + tmp.resolve("no-model"));
    assertEquals(12, r.exit(), r.err());
    assertTrue(line(r.err(), "device-check: CUDA libraries missing: ").contains("libcudnn.so.9"), r.err());
    assertTrue(line(r.err(), "device-check: --model=").endsWith(": no metadata.json (make one with python3 "
        + "kernels/src/test/resources/xtts/make_model.py --full DIR --stop-after 1000)"), r.err());
    assertEquals("device-check: preflight found 2 problems; exit 12 is the first one's", lastLine(r.err()));
    assertTrue(r.figures().contains("problem exit=12 reason=CUDA libraries missing: "), r.figures());
    assertTrue(r.figures().contains("problem exit=16 reason=--model="), r.figures());
    assertTrue(r.figures().contains("stage=preflight status=failed exit=12 "), r.figures());
    assertTrue(r.figures().contains(" problems=2 reason=CUDA libraries missing: "), r.figures());
    assertFalse(r.figures().contains("stage=build"), r.figures());
  }

  /** What the lent H200 showed: CUDA 13 and cuDNN 9 only, where Maven's onnxruntime_gpu needs CUDA 12. */
  @Test
  void aCuda13MachineIsToldTheWayOut() throws Exception {
    fakeGpu("13.0");
    for (String lib : List.of("libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13",
        "libcurand.so.10", "libcudnn.so.9")) {
      Files.createFile(libs.resolve(lib));
    }
    Run r = deviceCheck(Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", fakeRepository().toString()),
        "--device=cuda", "--model=" + BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS), "--preflight-only");
    assertEquals(12, r.exit(), r.err());
    assertEquals("device-check: CUDA libraries missing: libcudart.so.12 libcublas.so.12 libcublasLt.so.12"
        + " (onnxruntime_gpu 1.28.0 needs CUDA 12.x and cuDNN 9.x; found libcudart.so.13 libcudnn.so.9; add their"
        + " folder to LD_LIBRARY_PATH). This machine has CUDA 13 (libcudart.so.13): install CUDA 12's libraries"
        + " beside it, or use ONNX Runtime's GPU build for CUDA 13 with --ort-lib=DIR (README, \"GPU check\")",
        lastLine(r.err()));
  }

  @Test
  void anOrtLibFolderMustBeCompleteAndNotOlderThanTheJar() throws Exception {
    fakeGpu("13.0");
    Path dir = Files.createDirectories(tmp.resolve("ort/lib"));
    Run r = deviceCheck(Map.of("MAVEN_REPO", tmp.resolve("m2").toString()), "--device=cuda", "--ort-lib=" + dir,
        "--model=" + BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS), "--preflight-only");
    assertEquals(20, r.exit(), r.err());
    assertEquals("device-check: --ort-lib=" + dir + " has no libonnxruntime.so (the lib/ folder of ONNX Runtime's"
        + " release archive)", line(r.err(), "device-check: --ort-lib=" + dir + " has no libonnxruntime.so"));
    assertEquals("device-check: --ort-lib=" + dir + " has no libonnxruntime4j_jni.so: copy it from the onnxruntime"
        + " jar: unzip -j " + tmp.resolve("m2") + "/com/microsoft/onnxruntime/onnxruntime/1.28.0/onnxruntime-1.28.0.jar"
        + " ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so -d " + dir,
        line(r.err(), "device-check: --ort-lib=" + dir + " has no libonnxruntime4j_jni.so"));
    assertTrue(line(r.err(), "device-check: --ort-lib=" + dir + " has no libonnxruntime_providers_cuda.so")
        .endsWith(": it is not ONNX Runtime's GPU build (onnxruntime-linux-x64-gpu*-VERSION.tgz, the one for this"
            + " machine's CUDA)"), r.err());
    // an older ONNX Runtime lacks the C API version the Java binding asks for
    OrtReleaseLayout.write(dir, "1.27.0");
    r = deviceCheck(Map.of(), "--device=cpu", "--ort-lib=" + dir, "--preflight-only");
    assertEquals(20, r.exit(), r.err());
    assertEquals("device-check: --ort-lib=" + dir + " holds ONNX Runtime 1.27.0, older than the Java binding's"
        + " 1.28.0 (which needs its C API): use 1.28.0 or newer", lastLine(r.err()));
  }

  /** The CUDA libraries of a provider in --ort-lib are those ldd finds it linking, whatever CUDA it was built for. */
  @Test
  void theProvidersOwnLibrariesAreChecked() throws Exception {
    assumeFalse(systemHas("libcublasLt.so.13") || systemHas("libcudnn.so.9"), "this machine has cuBLAS 13 / cuDNN 9");
    Path dir = Files.createDirectories(tmp.resolve("ort/lib"));
    OrtReleaseLayout.write(dir, "1.28.0");
    Files.createSymbolicLink(dir.resolve("libonnxruntime_providers_shared.so"), Path.of("libonnxruntime.so"));
    // the JNI library links libonnxruntime.so.1: renamed, it stands for a provider built on cuBLAS 13
    byte[] jni = OrtReleaseLayout.nativeLibrary("libonnxruntime4j_jni.so");
    byte[] from = "libonnxruntime.so.1\0".getBytes(StandardCharsets.US_ASCII);
    byte[] to = "libcublasLt.so.13\0\0\0".getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(jni, from);
    assertTrue(at >= 0 && indexOf(Arrays.copyOfRange(jni, at + 1, jni.length), from) < 0, "one dependency to rename");
    System.arraycopy(to, 0, jni, at, to.length);
    Files.write(dir.resolve("libonnxruntime_providers_cuda.so"), jni);
    fakeGpu("13.0");
    Files.createFile(libs.resolve("libcuda.so.1"));
    Map<String, String> env = Map.of("LD_LIBRARY_PATH", libs.toString(), "MAVEN_REPO", tmp.resolve("m2").toString());
    String tiny = "--model=" + BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS);

    Run r = deviceCheck(env, "--device=cuda", "--ort-lib=" + dir, tiny, "--preflight-only");
    assertEquals(12, r.exit(), r.err());
    assertTrue(lastLine(r.err()).startsWith("device-check: CUDA libraries missing: libcublasLt.so.13 libcudnn.so.9"
        + " (the CUDA provider in " + dir + " needs CUDA 13.x and cuDNN 9.x"), r.err());

    // found (a library that defines the versions the renamed dependency asks for), on an older driver
    Files.createSymbolicLink(libs.resolve("libcublasLt.so.13"), dir.resolve("libonnxruntime.so.1.28.0"));
    Files.createFile(libs.resolve("libcudnn.so.9"));
    fakeGpu("12.8");
    r = deviceCheck(env, "--device=cuda", "--ort-lib=" + dir, tiny, "--preflight-only");
    assertEquals(11, r.exit(), r.err());
    assertEquals("device-check: the NVIDIA driver supports CUDA 12.8; the CUDA provider in " + dir
        + " needs CUDA 13", lastLine(r.err()));

    fakeGpu("13.0");
    r = deviceCheck(env, "--device=cuda", "--ort-lib=" + dir, tiny, "--preflight-only");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.figures().contains("cuda_libraries libcublasLt.so.13=" + libs.resolve("libcublasLt.so.13")
        + " libcudnn.so.9=" + libs.resolve("libcudnn.so.9")), r.figures());
    assertTrue(r.figures().contains("ort_lib libonnxruntime=" + dir.resolve("libonnxruntime.so.1.28.0")
        + " version=1.28.0"), r.figures());
    assertTrue(r.figures().contains("stage=preflight status=ok"), r.figures());
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

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The line of {@code text} that starts with {@code prefix} (the test fails without one). */
  private static String line(String text, String prefix) {
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix)) {
        return l;
      }
    }
    throw new AssertionError("no line starting with \"" + prefix + "\" in:\n" + text);
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
