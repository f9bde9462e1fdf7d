package dev.voicegen.pipeline.run;

import dev.voicegen.onnx.ModelException;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.ReferenceGates;
import dev.voicegen.quality.SharedQualityModels;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver's side of the reference gates: the gate options checked, and the quality models of
 * {@code --qualityModelDir} loaded once before the job starts (for the reference gates and the
 * output scores alike), so that a broken model file, or {@code --minReferenceDnsmos} or
 * {@code --minDnsmos} without the DNSMOS model, stops the job at start (exit 2) instead of failing
 * or passing every row; workers in this JVM then share the loaded models.
 */
final class ReferenceGating {
  private static final Logger LOG = LogManager.getLogger(ReferenceGating.class);

  private ReferenceGating() {}

  /** The gates the options ask for. */
  static ReferenceGates gates(RunOptions o) {
    if (o.getMinReferenceSpeech() < 0) {
      throw new ConfigurationException("--minReferenceSpeech=" + o.getMinReferenceSpeech()
          + ": expected seconds of speech, 0 or more");
    }
    Double dnsmos = o.getMinReferenceDnsmos();
    if (dnsmos != null && !(dnsmos >= 0 && dnsmos <= 5)) {
      throw new ConfigurationException("--minReferenceDnsmos=" + dnsmos
          + ": expected a DNSMOS OVRL between 0 and 5 (the MOS scale is 1-5)");
    }
    return new ReferenceGates(o.getMinReferenceSpeech(), dnsmos);
  }

  /**
   * The driver's hold on the quality models.
   *
   * @param key the models' key (its folder); {@link #release} gives the hold back
   * @param models what that folder holds: without DNSMOS every {@code dnsmos_*} and {@code ref_dnsmos_*}
   *     is null, without Silero VAD the energy VAD measures speech
   */
  record Held(SharedQualityModels.Key key, QualityModels models) {
    void release() {
      key.release();
    }
  }

  /**
   * Checks the gate options and loads the quality models (one hold, to give back with
   * {@link Held#release} when the job ends); says once, in one line, what the job does without them.
   *
   * @throws ConfigurationException when the job cannot start
   */
  static Held acquire(RunOptions o) {
    ReferenceGates gates = gates(o);
    // workers (Flink TaskManagers) run in other folders: hand them an absolute path
    SharedQualityModels.Key key = RunGraph.qualityModels(o);
    o.setQualityModelDir(key.dir());
    QualityModels models;
    try {
      models = key.acquire();
    } catch (ModelException e) {
      throw new ConfigurationException("--qualityModelDir=" + key.dir() + ": " + e.getMessage(), e);
    }
    if (gates.minDnsmosOvrl() != null && !models.hasDnsmos()) {
      key.release();
      throw new ConfigurationException("--minReferenceDnsmos=" + gates.minDnsmosOvrl()
          + " needs the DNSMOS model, and there is none in " + Path.of(key.dir(), QualityModels.DNSMOS_DIR)
          + ": run 'bin/voicegen models pull dnsmos' or pass --qualityModelDir=DIR");
    }
    if (!o.getDryRun() && o.getMinDnsmos() != null && !models.hasDnsmos()) {
      // the output gate; a dry run synthesises nothing, so it scores nothing
      key.release();
      throw new ConfigurationException(
          "--minDnsmos needs DNSMOS in --qualityModelDir=" + key.dir()
              + " (dnsmos/ is missing files; 'bin/voicegen models pull dnsmos' fetches them)");
    }
    if (!models.hasVad() || !models.hasDnsmos()) {
      // one line for both: what the job does without each
      LOG.warn("Quality models missing in {}:{}{} ('bin/voicegen models pull dnsmos|silero-vad')",
          key.dir(),
          models.hasDnsmos() ? "" : " no DNSMOS (dnsmos/), so ref_dnsmos_* are null;",
          models.hasVad() ? "" : " no Silero VAD (silero-vad/), so the reference gates, ref_speech_s and"
              + " speech_ratio use the energy VAD (ref_vad=energy);");
    }
    return new Held(key, models);
  }
}
