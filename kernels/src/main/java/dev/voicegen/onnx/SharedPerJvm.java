package dev.voicegen.onnx;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One loaded instance per JVM and key, reference-counted: every worker thread acquires it in setup
 * and releases it in teardown; the first acquire loads it, the last release closes it. This is how a
 * Flink TaskManager with several slots holds one copy of a model (specs/xtts-onnx.md "Batching").
 *
 * @param <K> what identifies an instance (a value type: equals and hashCode)
 * @param <V> the loaded instance
 */
public final class SharedPerJvm<K, V extends AutoCloseable> {
  private static final Logger LOG = LogManager.getLogger(SharedPerJvm.class);

  private final String what;
  private final Function<K, V> loader;
  private final Map<K, Entry<V>> entries = new HashMap<>();

  private static final class Entry<V> {
    final V value;
    final long loadNanos;
    int users;

    Entry(V value, long loadNanos) {
      this.value = value;
      this.loadNanos = loadNanos;
    }
  }

  /**
   * @param what a name for log lines, e.g. "engine"
   * @param loader loads the instance of a key; its exceptions reach the caller of {@link #acquire}
   */
  public SharedPerJvm(String what, Function<K, V> loader) {
    this.what = what;
    this.loader = loader;
  }

  /** The instance of this key, loaded when no worker holds it yet; pair each call with a release. */
  public synchronized V acquire(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      long start = System.nanoTime();
      V value = loader.apply(key);
      entry = new Entry<>(value, System.nanoTime() - start);
      LOG.info("Loaded {} {} in {} ms", what, key, entry.loadNanos / 1_000_000);
      entries.put(key, entry);
    }
    entry.users++;
    return entry.value;
  }

  /** Gives one hold back; the last one closes the instance. Unknown keys are ignored. */
  public synchronized void release(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return;
    }
    if (--entry.users == 0) {
      entries.remove(key);
      try {
        entry.value.close();
      } catch (Exception e) {
        LOG.warn("Closing {} {} failed: {}", what, key, e.toString());
      }
      LOG.debug("Closed {} {}", what, key);
    }
  }

  /** Seconds the held instance of this key took to load; NaN when none is loaded. */
  public synchronized double loadSeconds(K key) {
    Entry<V> entry = entries.get(key);
    return entry == null ? Double.NaN : entry.loadNanos / 1e9;
  }

  /** How many workers hold the instance of this key; 0 when none is loaded. */
  public synchronized int users(K key) {
    Entry<V> entry = entries.get(key);
    return entry == null ? 0 : entry.users;
  }
}
