package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeHugePagesTest {
  @TempDir Path dir;

  @Test
  void theKernelsSelectedModeIsTheBracketedOne() throws IOException {
    Path file = Files.writeString(dir.resolve("enabled"), "always [madvise] never\n");
    assertEquals("madvise", NativeHugePages.thpMode(file));
    Files.writeString(file, "[always] madvise never\n");
    assertEquals("always", NativeHugePages.thpMode(file));
    assertNull(NativeHugePages.thpMode(dir.resolve("missing")));
  }

  @Test
  void theTunableIsReadAmongOthersAndTheLastOneCounts() {
    assertNull(NativeHugePages.tunable(null));
    assertNull(NativeHugePages.tunable("glibc.malloc.arena_max=2"));
    assertEquals("1", NativeHugePages.tunable("glibc.malloc.hugetlb=1"));
    assertEquals("1", NativeHugePages.tunable("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"));
    assertEquals("0", NativeHugePages.tunable("glibc.malloc.hugetlb=1:glibc.malloc.hugetlb=0"));
    assertNull(NativeHugePages.tunable("xglibc.malloc.hugetlb=1"));
  }

  @Test
  void onOnlyWhereTheKernelGivesThemAndMallocAsks() {
    assertTrue(NativeHugePages.describe("glibc.malloc.hugetlb=1", "madvise").contains(": on (THP madvise"));
    assertTrue(NativeHugePages.describe(null, "madvise").contains(": off (THP madvise;"));
    assertTrue(NativeHugePages.describe("glibc.malloc.hugetlb=0", "madvise").contains(": off"));
    assertTrue(NativeHugePages.describe("glibc.malloc.hugetlb=1", "never").contains(": off (THP never)"));
    assertTrue(NativeHugePages.describe(null, "always").contains(": on (THP always)"));
    assertTrue(NativeHugePages.describe("glibc.malloc.hugetlb=1", null).contains(": unknown"));
  }

  private static final String THRESHOLDS =
      "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864";

  @Test
  void theLaunchersSettingIsWhatThisClassReadsAsOn() throws Exception {
    // bin/native-env.sh, sourced by bin/voicegen: added to other tunables, an explicit choice kept
    assertEquals("glibc.malloc.hugetlb=1:" + THRESHOLDS, sourced(null));
    assertEquals("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1:" + THRESHOLDS,
        sourced("glibc.malloc.arena_max=2"));
    assertEquals("glibc.malloc.hugetlb=0:" + THRESHOLDS, sourced("glibc.malloc.hugetlb=0"));
    assertEquals("1", NativeHugePages.tunable(sourced("glibc.malloc.arena_max=2")));
  }

  @Test
  void theLineNamesMallocsThresholdsOrSaysTheyAreGlibcsOwn() throws Exception {
    assertEquals("malloc thresholds: mmap 33554432, trim 67108864", NativeHugePages.mallocThresholds(sourced(null)));
    assertEquals("malloc thresholds: glibc's own (bin/native-env.sh fixes them)",
        NativeHugePages.mallocThresholds("glibc.malloc.hugetlb=1"));
    assertEquals("malloc thresholds: glibc's own (bin/native-env.sh fixes them)", NativeHugePages.mallocThresholds(null));
    assertEquals("malloc thresholds: mmap 131072, trim glibc's",
        NativeHugePages.mallocThresholds("glibc.malloc.mmap_threshold=1:glibc.malloc.mmap_threshold=131072"));
  }

  @Test
  void mallocThresholdsTheUserGaveAreKept() throws Exception {
    assertEquals("glibc.malloc.mmap_threshold=131072:glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=67108864",
        sourced("glibc.malloc.mmap_threshold=131072"));
    assertEquals("glibc.malloc.trim_threshold=0:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432",
        sourced("glibc.malloc.trim_threshold=0"));
    // a name that merely ends like one is another tunable
    assertEquals("x.glibc.malloc.mmap_threshold=1:glibc.malloc.hugetlb=1:" + THRESHOLDS,
        sourced("x.glibc.malloc.mmap_threshold=1"));
  }

  private static String sourced(String before) throws IOException, InterruptedException {
    Path script = Path.of("..", "bin", "native-env.sh").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$0\" && printf %s \"$GLIBC_TUNABLES\"", script.toString());
    pb.environment().remove("GLIBC_TUNABLES");
    if (before != null) {
      pb.environment().put("GLIBC_TUNABLES", before);
    }
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
