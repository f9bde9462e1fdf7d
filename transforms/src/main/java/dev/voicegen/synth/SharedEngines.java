package dev.voicegen.synth;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One engine per JVM and spec, reference-counted: every worker thread acquires it in setup and
 * releases it in teardown; the last release closes it.
 */
public final class SharedEngines {
  private static final Logger LOG = LogManager.getLogger(SharedEngines.class);
  private static final Map<EngineSpec, Entry> ENGINES = new HashMap<>();

  private static final class Entry {
    final SpeechEngine engine;
    int users;

    Entry(SpeechEngine engine) {
      this.engine = engine;
    }
  }

  private SharedEngines() {}

  public static synchronized SpeechEngine acquire(EngineSpec spec) {
    Entry entry = ENGINES.get(spec);
    if (entry == null) {
      long start = System.nanoTime();
      entry = new Entry(spec.load());
      LOG.info(
          "Loaded engine {} {} in {} ms",
          entry.engine.name(),
          entry.engine.version(),
          (System.nanoTime() - start) / 1_000_000);
      ENGINES.put(spec, entry);
    }
    entry.users++;
    return entry.engine;
  }

  public static synchronized void release(EngineSpec spec) {
    Entry entry = ENGINES.get(spec);
    if (entry == null) {
      return;
    }
    if (--entry.users == 0) {
      ENGINES.remove(spec);
      entry.engine.close();
      LOG.debug("Closed engine {}", entry.engine.name());
    }
  }

  /** How many workers hold the engine of this spec; 0 when none is loaded. */
  public static synchronized int users(EngineSpec spec) {
    Entry entry = ENGINES.get(spec);
    return entry == null ? 0 : entry.users;
  }
}
