package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SharedPerJvmTest {
  /** A loaded thing that counts its closes. */
  static final class Loaded implements AutoCloseable {
    final String key;
    int closes;

    Loaded(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private final List<Loaded> loads = new ArrayList<>();
  private final SharedPerJvm<String, Loaded> shared = new SharedPerJvm<>("thing", key -> {
    if (key.equals("broken")) {
      throw new IllegalStateException("cannot load broken");
    }
    Loaded l = new Loaded(key);
    loads.add(l);
    return l;
  });

  @Test
  void loadsOncePerKeyAndClosesOnTheLastRelease() {
    Loaded a1 = shared.acquire("a");
    Loaded a2 = shared.acquire("a");
    Loaded b = shared.acquire("b");
    assertSame(a1, a2);
    assertNotSame(a1, b);
    assertEquals(2, loads.size());
    assertEquals(2, shared.users("a"));

    shared.release("a");
    assertEquals(0, a1.closes);
    shared.release("a");
    assertEquals(1, a1.closes);
    assertEquals(0, shared.users("a"));
    assertEquals(0, b.closes);

    // released entirely: the next acquire loads a fresh instance
    Loaded a3 = shared.acquire("a");
    assertNotSame(a1, a3);
    assertEquals(3, loads.size());
  }

  @Test
  void knowsHowLongTheHeldInstanceTookToLoad() {
    SharedPerJvm<String, Loaded> slow = new SharedPerJvm<>("thing", key -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return new Loaded(key);
    });
    assertTrue(Double.isNaN(slow.loadSeconds("a")));
    slow.acquire("a");
    double first = slow.loadSeconds("a");
    assertTrue(first >= 0.05 && first < 5, "load seconds " + first);
    slow.acquire("a"); // held already: no second load, the same figure
    assertEquals(first, slow.loadSeconds("a"));
    slow.release("a");
    slow.release("a");
    assertTrue(Double.isNaN(slow.loadSeconds("a")));
  }

  @Test
  void aFailedLoadReachesTheCallerAndRegistersNothing() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.acquire("broken"));
    assertEquals("cannot load broken", e.getMessage());
    assertEquals(0, shared.users("broken"));
    shared.release("broken"); // ignored, no exception
    shared.release("never-acquired");
  }

  @Test
  void aFailingCloseDoesNotStopTheRelease() {
    SharedPerJvm<String, AutoCloseable> failing = new SharedPerJvm<>("thing", key -> () -> {
      throw new Exception("close failed");
    });
    failing.acquire("x");
    failing.release("x");
    assertEquals(0, failing.users("x"));
  }

  @Test
  void concurrentWorkersShareOneInstance() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Loaded>> got = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        got.add(pool.submit(() -> shared.acquire("c")));
      }
      Loaded first = got.get(0).get();
      for (Future<Loaded> f : got) {
        assertSame(first, f.get());
      }
      assertEquals(64, shared.users("c"));
      assertEquals(1, loads.size());
      for (int i = 0; i < 64; i++) {
        shared.release("c");
      }
      assertTrue(first.closes == 1);
    } finally {
      pool.shutdownNow();
    }
  }
}
