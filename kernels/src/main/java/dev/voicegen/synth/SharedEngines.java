package dev.voicegen.synth;

import dev.voicegen.onnx.SharedPerJvm;

/**
 * One engine per JVM and spec, reference-counted: every worker thread acquires it in setup and
 * releases it in teardown; the last release closes it.
 */
public final class SharedEngines {
  private static final SharedPerJvm<EngineSpec, SpeechEngine> ENGINES =
      new SharedPerJvm<>("engine", EngineSpec::load);

  private SharedEngines() {}

  public static SpeechEngine acquire(EngineSpec spec) {
    return ENGINES.acquire(spec);
  }

  public static void release(EngineSpec spec) {
    ENGINES.release(spec);
  }

  /** What the engine of this spec, held by the caller, adds to summary.json. */
  public static java.util.Map<String, String> summaryFacts(EngineSpec spec) {
    SpeechEngine engine = ENGINES.acquire(spec);
    try {
      return engine.summaryFacts();
    } finally {
      ENGINES.release(spec);
    }
  }

  /** Seconds the engine of this spec, held by the caller, took to load in this JVM. */
  public static double loadSeconds(EngineSpec spec) {
    return ENGINES.loadSeconds(spec);
  }

  /** How many workers hold the engine of this spec; 0 when none is loaded. */
  public static int users(EngineSpec spec) {
    return ENGINES.users(spec);
  }
}
