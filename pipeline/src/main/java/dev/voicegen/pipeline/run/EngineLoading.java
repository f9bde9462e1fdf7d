package dev.voicegen.pipeline.run;

import dev.voicegen.pipeline.common.EngineLabel;
import dev.voicegen.synth.EngineSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The driver's load of the engine, on a thread of its own: loading the XTTS model takes seconds and
 * mostly one core, so the driver checks the manifest, loads the quality models and builds the graph
 * meanwhile, and waits for the engine only before it takes the output's lock. A model that cannot
 * load is still a startup error, with the same message, and nothing has touched the output.
 */
final class EngineLoading implements AutoCloseable {
  private final EngineSpec spec;
  private final CompletableFuture<EngineLabel> label;

  private EngineLoading(EngineSpec spec, CompletableFuture<EngineLabel> label) {
    this.spec = spec;
    this.label = label;
  }

  /** Starts loading (holding) the engine of {@code spec}; {@link #close} gives the hold back. */
  static EngineLoading start(EngineSpec spec) {
    CompletableFuture<EngineLabel> label = new CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        label.complete(RunJob.acquireEngine(spec));
      } catch (Throwable e) {
        label.completeExceptionally(e);
      }
    }, "engine-load");
    loader.setDaemon(true); // a job that stops at start does not wait for the load to end
    loader.start();
    return new EngineLoading(spec, label);
  }

  EngineSpec spec() {
    return spec;
  }

  /** Waits for the load; its failure is thrown as it was thrown on the loading thread. */
  EngineLabel await() {
    try {
      return label.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Gives the engine back once loaded: now, or when a load still under way ends. */
  @Override
  public void close() {
    label.whenComplete((loaded, failure) -> {
      if (failure == null) {
        spec.release();
      }
    });
  }
}
