package dev.voicegen.beam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.SharedHandle;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * Every worker instance of a {@link SharedResourceFn} holds the resource while it processes and
 * gives it back at teardown, also when its per-thread set-up fails.
 */
class SharedResourceFnTest {
  // static: DoFn instances are deserialized copies, so only JVM-wide counters see them all
  private static final AtomicInteger HOLDS = new AtomicInteger();
  private static final AtomicInteger ACQUIRED = new AtomicInteger();

  /** A shared "resource" that is a word; counts holds as SharedPerJvm would. */
  static final class Bang implements SharedHandle<String> {
    @Override
    public String acquire() {
      HOLDS.incrementAndGet();
      ACQUIRED.incrementAndGet();
      return "!";
    }

    @Override
    public void release() {
      HOLDS.decrementAndGet();
    }
  }

  static class Shout extends SharedResourceFn<String, String, String> {
    private final boolean failSetUp;
    private transient String suffix;

    Shout(boolean failSetUp) {
      super(new Bang());
      this.failSetUp = failSetUp;
    }

    @Override
    protected void setUp(String shared) {
      if (failSetUp) {
        throw new IllegalStateException("per-thread set-up failed");
      }
      suffix = shared;
    }

    @ProcessElement
    public void process(@Element String word, OutputReceiver<String> out) {
      // the resource is there while elements are processed, and per-thread state was built on it
      out.output(word + resource() + suffix + (HOLDS.get() > 0 ? "" : " (not held)"));
    }
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
  }

  @Test
  void holdsTheResourceWhileProcessingAndReleasesEveryHold() {
    HOLDS.set(0);
    ACQUIRED.set(0);
    Pipeline p = pipeline();
    PCollection<String> out = p.apply(Create.of("a", "b", "c", "d")).apply(ParDo.of(new Shout(false)));
    PAssert.that(out)
        .satisfies(
            got -> {
              java.util.List<String> all = new java.util.ArrayList<>();
              got.forEach(all::add);
              java.util.Collections.sort(all);
              assertEquals(java.util.List.of("a!!", "b!!", "c!!", "d!!"), all);
              return null;
            });
    p.run().waitUntilFinish();
    assertTrue(ACQUIRED.get() >= 1, "acquired " + ACQUIRED.get());
    assertEquals(0, HOLDS.get(), "every hold is released at teardown");
  }

  @Test
  void aFailedSetUpGivesItsHoldBack() {
    HOLDS.set(0);
    ACQUIRED.set(0);
    Pipeline p = pipeline();
    p.apply(Create.of("a")).apply(ParDo.of(new Shout(true)));
    assertThrows(RuntimeException.class, () -> p.run().waitUntilFinish());
    assertTrue(ACQUIRED.get() >= 1);
    assertEquals(0, HOLDS.get(), "the hold taken before the failed set-up is given back");
  }
}
