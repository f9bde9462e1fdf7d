package dev.voicegen.quality;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.audio.measure.SpeechDetector;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The quality models of one directory ({@code dnsmos/} and {@code silero-vad/}, as
 * {@code --qualityModelDir} names it), each loaded when its files are there. A model whose files
 * are absent is left out with one WARN line, and its values are null; a model file that is there
 * but unusable is an error ({@link ModelException}).
 *
 * <p>Built to be held once per JVM (e.g. through {@code SharedPerJvm}) and called from many
 * threads with lists of clips: {@link #assess} batches the clips through both models.
 */
public final class QualityModels implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(QualityModels.class);
  public static final String DNSMOS_DIR = "dnsmos";
  public static final String VAD_DIR = "silero-vad";

  private final DnsmosModel dnsmos;
  private final SileroVad vad;

  private QualityModels(DnsmosModel dnsmos, SileroVad vad) {
    this.dnsmos = dnsmos;
    this.vad = vad;
  }

  /** Loads what {@code dir} holds; WARNs once for each model that is absent. */
  public static QualityModels load(Path dir, OnnxSessions.Settings settings) {
    return load(dir, settings, Level.WARN);
  }

  /**
   * Loads what {@code dir} holds, logging each absent model at {@code absent} (a job's driver says
   * once, at WARN, what the job does without them).
   */
  public static QualityModels load(Path dir, OnnxSessions.Settings settings, Level absent) {
    Path dnsmosDir = dir.resolve(DNSMOS_DIR);
    Path vadDir = dir.resolve(VAD_DIR);
    DnsmosModel d = null;
    List<String> missing = DnsmosModel.missingFiles(dnsmosDir);
    if (missing.isEmpty()) {
      d = DnsmosModel.load(dnsmosDir, settings);
    } else {
      LOG.log(absent, "DNSMOS not found ({} missing in {}): dnsmos_* values are null", missing, dnsmosDir);
    }
    SileroVad v = null;
    try {
      if (SileroVad.present(vadDir)) {
        v = SileroVad.load(vadDir, settings);
      } else {
        LOG.log(absent, "Silero VAD not found ({} missing in {}): vad_* values are null", SileroVad.FILE, vadDir);
      }
    } catch (RuntimeException e) {
      if (d != null) {
        d.close();
      }
      throw e;
    }
    return new QualityModels(d, v);
  }

  public boolean hasDnsmos() {
    return dnsmos != null;
  }

  public boolean hasVad() {
    return vad != null;
  }

  /** Silero VAD's result on one clip, or null when the model is absent (no DNSMOS is run). */
  public VadResult detectSpeech(AudioClip clip) {
    return vad == null ? null : vad.detect(clip);
  }

  /** Silero VAD as a frame detector when it is loaded, else the energy detector. */
  public SpeechDetector speechDetector() {
    return vad == null ? SpeechActivity.create() : SileroSpeech.of(vad);
  }

  /**
   * The results of every clip, in order; parts of absent models are null, and so is the DNSMOS of
   * a clip without samples (it has no window to score).
   */
  public List<ClipQuality> assess(List<AudioClip> clips) {
    List<DnsmosScore> scores = dnsmos(clips);
    List<VadResult> speech =
        vad == null ? Collections.nCopies(clips.size(), null) : vad.detect(clips, VadParameters.DEFAULTS);
    List<ClipQuality> out = new ArrayList<>(clips.size());
    for (int i = 0; i < clips.size(); i++) {
      out.add(new ClipQuality(scores.get(i), speech.get(i)));
    }
    return out;
  }

  /**
   * The DNSMOS of every clip, in order, in one batch; all null when the model is absent, and null
   * for a clip without samples (it has no window to score).
   */
  public List<DnsmosScore> dnsmos(List<AudioClip> clips) {
    List<DnsmosScore> scores = new ArrayList<>(Collections.nCopies(clips.size(), null));
    if (dnsmos != null) {
      List<Integer> scorable = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        if (clips.get(i).frames() > 0) {
          scorable.add(i);
        }
      }
      List<DnsmosScore> got = dnsmos.score(scorable.stream().map(clips::get).toList());
      for (int j = 0; j < scorable.size(); j++) {
        scores.set(scorable.get(j), got.get(j));
      }
    }
    return scores;
  }

  public ClipQuality assess(AudioClip clip) {
    return assess(List.of(clip)).get(0);
  }

  @Override
  public void close() {
    if (dnsmos != null) {
      dnsmos.close();
    }
    if (vad != null) {
      vad.close();
    }
  }
}
