package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;
import java.util.Arrays;

/**
 * An energy-based voice activity detector with an adaptive noise floor, on 10, 20 or 30 ms frames
 * of the mean of the channels.
 *
 * <p>Each frame's level is its RMS in dBFS, around the clip's DC offset (so an offset does not
 * read as a constant noise floor). The noise floor starts at the 10th percentile of the
 * frame levels and then follows them: it drops at once to any quieter frame and otherwise rises by
 * at most {@value #FLOOR_RISE_DB_PER_S} dB/s, so it tracks the pauses between words and a noise
 * level that changes slowly. A frame is speech when all of these hold:
 *
 * <ul>
 *   <li>it is at least {@value #MARGIN_DB} dB above the noise floor;
 *   <li>it is within {@value #RANGE_DB} dB of the loud frames (the 95th percentile of the levels),
 *       so that breaths and room tone under loud speech are not speech;
 *   <li>it is above {@value #SILENCE_DBFS} dBFS (below that is digital silence or dither).
 * </ul>
 *
 * The speech ratio is the share of speech frames among all whole frames; a trailing part shorter
 * than a frame is ignored. Instances are immutable.
 */
public final class SpeechActivity implements SpeechDetector {
  /** The {@link #name()} of this detector. */
  public static final String NAME = "energy";

  /** Frame lengths the detector accepts, in ms (as WebRTC's VAD). */
  private static final int[] FRAME_MS = {10, 20, 30};
  private static final int DEFAULT_FRAME_MS = 30;
  // chosen on the corpus: noise frames wander a dB or two above the floor, voiced speech 20 or more
  static final double MARGIN_DB = 9.0;
  // chosen: the dynamic range of read speech; quieter frames are breath, room tone or reverb tails
  static final double RANGE_DB = 45.0;
  // 16-bit dither and quantisation noise sit near -96 dBFS
  static final double SILENCE_DBFS = -90.0;
  // slow enough that a sentence without pauses does not lift the floor into the speech
  static final double FLOOR_RISE_DB_PER_S = 3.0;
  // start from the quiet end of the clip: pauses are usually at least a tenth of a recording
  private static final double FLOOR_START_PERCENTILE = 0.10;
  private static final double LOUD_PERCENTILE = 0.95;
  /** Level given to a frame of digital silence, well below every threshold. */
  private static final double SILENT_FRAME_DBFS = -200.0;

  private final int frameMs;

  private SpeechActivity(int frameMs) {
    this.frameMs = frameMs;
  }

  /** A detector on 30 ms frames. */
  public static SpeechActivity create() {
    return new SpeechActivity(DEFAULT_FRAME_MS);
  }

  /** @param frameMs 10, 20 or 30 */
  public static SpeechActivity withFrameMillis(int frameMs) {
    for (int allowed : FRAME_MS) {
      if (allowed == frameMs) {
        return new SpeechActivity(frameMs);
      }
    }
    throw new IllegalArgumentException("frame length must be 10, 20 or 30 ms: " + frameMs);
  }

  @Override
  public String name() {
    return NAME;
  }

  public int frameMillis() {
    return frameMs;
  }

  /** Samples per frame at this sample rate. */
  @Override
  public int frameSamples(int sampleRate) {
    return Math.max(1, (int) Math.round(sampleRate * frameMs / 1000.0));
  }

  /** The decision for each whole frame, in time order. */
  @Override
  public boolean[] speechFrames(AudioClip clip) {
    double[] levels = frameLevels(clip);
    boolean[] speech = new boolean[levels.length];
    if (levels.length == 0) {
      return speech;
    }
    double[] sorted = levels.clone();
    Arrays.sort(sorted);
    double floor = percentile(sorted, FLOOR_START_PERCENTILE);
    double loud = percentile(sorted, LOUD_PERCENTILE);
    double risePerFrame = FLOOR_RISE_DB_PER_S * frameMs / 1000.0;
    for (int k = 0; k < levels.length; k++) {
      floor = Math.min(levels[k], floor + risePerFrame);
      speech[k] = levels[k] >= floor + MARGIN_DB
          && levels[k] >= loud - RANGE_DB
          && levels[k] > SILENCE_DBFS;
    }
    return speech;
  }

  /** RMS level in dBFS, around the clip's DC offset, of each whole frame of the channel mean. */
  double[] frameLevels(AudioClip clip) {
    int frameLength = frameSamples(clip.sampleRate());
    int count = clip.frames() / frameLength;
    double[] levels = new double[count];
    if (count == 0) {
      return levels;
    }
    double dc = DcOffset.of(clip);
    double[] buffer = new double[frameLength];
    for (int k = 0; k < count; k++) {
      MonoMix.read(clip, k * frameLength, buffer, frameLength);
      double sum = 0;
      for (double v : buffer) {
        sum += (v - dc) * (v - dc);
      }
      double meanSquare = sum / frameLength;
      levels[k] = meanSquare > 0 ? 10.0 * Math.log10(meanSquare) : SILENT_FRAME_DBFS;
    }
    return levels;
  }

  /** Nearest-rank percentile of sorted values, {@code q} in [0, 1]. */
  private static double percentile(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
