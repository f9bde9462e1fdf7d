package dev.voicegen.beam.common;

import org.apache.beam.sdk.transforms.DoFn;

/**
 * A DoFn that holds one hold on a per-JVM shared resource (an engine, a model) from setup to
 * teardown, as scio's {@code DoFnWithResource} does: every worker thread's instance acquires in
 * {@code @Setup} and releases in {@code @Teardown}, so a Flink TaskManager with several slots loads
 * one copy, and the last release closes it. Subclasses say how to acquire and release, and may
 * build per-thread state on the resource in {@link #setUp}; they declare no {@code @Setup} or
 * {@code @Teardown} of their own (Beam allows one of each per DoFn).
 *
 * @param <R> the shared resource
 */
public abstract class SharedResourceFn<InT, OutT, R> extends DoFn<InT, OutT> {
  private transient R resource;

  /** Takes one hold on the JVM's shared resource, loading it when no worker holds it yet. */
  protected abstract R acquire();

  /** Gives back the hold that {@link #acquire} took. */
  protected abstract void release();

  /** Per-thread state built on the resource (e.g. a transcriber, which is not thread-safe). */
  protected void setUp(R shared) {}

  /** The resource this instance holds; set between setup and teardown. */
  protected final R resource() {
    return resource;
  }

  @Setup
  public final void acquireResource() {
    R shared = acquire();
    try {
      setUp(shared);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    resource = shared;
  }

  @Teardown
  public final void releaseResource() {
    if (resource != null) {
      resource = null;
      release();
    }
  }
}
