package dev.voicegen.xtts;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
import dev.voicegen.audio.features.XttsConditioningMel;
import dev.voicegen.audio.features.XttsSpeakerMel;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What XTTS needs from a reference sample: the GPT conditioning latents {@code [32][D]} and the
 * speaker embedding {@code [512]} (xtts-onnx.md steps 2-3). It depends only on the sample, so an
 * LRU cache keyed by the sample's content hash computes it once per distinct sample.
 *
 * @param latents conditioning latents
 * @param speakerEmbedding speaker-encoder embedding
 */
public record SpeakerConditioning(float[][] latents, float[] speakerEmbedding) implements Serializable {

  /**
   * Computes the conditioning of a mono reference at any rate.
   *
   * @throws UnusableReferenceException when the reference is too short to give one conditioning
   *     chunk (a silent sample is stripped to nothing by the preprocessing)
   */
  public static SpeakerConditioning of(XttsModel model, AudioClip reference) {
    float[] mono = reference.toMono().channel(0);
    float[] at22k = Resampler.resample(mono, reference.sampleRate(), XttsConditioningMel.SAMPLE_RATE);
    List<float[][]> chunks = new XttsConditioningMel(model.melStats()).chunks(at22k);
    if (chunks.isEmpty()) {
      throw new UnusableReferenceException("reference_too_short", String.format(
          "%.2f s of audio after preprocessing; XTTS needs at least %.2f s to condition on"
              + " (is the sample silent or too short?)",
          reference.durationSeconds(), XttsConditioningMel.MIN_CHUNK_SECONDS));
    }
    float[] at16k = Resampler.resample(mono, reference.sampleRate(), XttsSpeakerMel.SAMPLE_RATE);
    float[][] latents = model.conditioningLatents(chunks);
    float[] speaker = model.speakerEmbedding(new XttsSpeakerMel().compute(at16k));
    return new SpeakerConditioning(latents, speaker);
  }

  /** The speaker embedding of any audio (e.g. generated speech), for speaker similarity. */
  public static float[] embeddingOf(XttsModel model, float[] audio, int sampleRate) {
    float[] at16k = Resampler.resample(audio, sampleRate, XttsSpeakerMel.SAMPLE_RATE);
    return model.speakerEmbedding(new XttsSpeakerMel().compute(at16k));
  }

  /** Cosine similarity of two embeddings, in [-1, 1]; 0 when either is all zeros. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  /** A bounded, thread-safe cache of conditionings by sample hash, least recently used out. */
  public static final class Cache {
    private final Map<String, SpeakerConditioning> entries;

    public Cache(int capacity) {
      this.entries =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SpeakerConditioning> eldest) {
              return size() > capacity;
            }
          };
    }

    public synchronized SpeakerConditioning get(String key) {
      return entries.get(key);
    }

    public synchronized void put(String key, SpeakerConditioning value) {
      entries.put(key, value);
    }

    public synchronized int size() {
      return entries.size();
    }
  }
}
