package dev.voicegen.beam.common;

import dev.voicegen.onnx.SharedHandle;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A DoFn that holds one hold on a per-JVM shared resource (an engine, a model) from setup to
 * teardown, as scio's {@code DoFnWithResource} does: every worker thread's instance acquires in
 * {@code @Setup} and releases in {@code @Teardown}, so a Flink TaskManager with several slots loads
 * one copy, and the last release closes it. Subclasses hand over the resource's {@link
 * SharedHandle} and may build per-thread state on it in {@link #setUp}; they declare no {@code
 * @Setup} or {@code @Teardown} of their own (Beam allows one of each per DoFn).
 *
 * @param <R> the shared resource
 */
public abstract class SharedResourceFn<InT, OutT, R> extends DoFn<InT, OutT> {
  private final SharedHandle<R> handle;
  private transient R resource;

  /** @param handle names the JVM's instance (an engine spec, a model key) */
  protected SharedResourceFn(SharedHandle<R> handle) {
    this.handle = handle;
  }

  /** Per-thread state built on the resource (e.g. a transcriber, which is not thread-safe). */
  protected void setUp(R shared) {}

  /** The resource this instance holds; set between setup and teardown. */
  protected final R resource() {
    return resource;
  }

  @Setup
  public final void acquireResource() {
    R shared = handle.acquire();
    try {
      setUp(shared);
    } catch (RuntimeException e) {
      handle.release();
      throw e;
    }
    resource = shared;
  }

  @Teardown
  public final void releaseResource() {
    if (resource != null) {
      resource = null;
      handle.release();
    }
  }
}
