package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/**
 * pydub's {@code compress_dynamic_range}, which works per sample frame (not per millisecond): the
 * level is audioop's integer RMS over the {@code attack} ms of input before the frame; above the
 * threshold the attenuation ramps towards (1 - 1/ratio) * dB-over by max/attack_frames per frame,
 * otherwise it falls by max/release_frames; a frame with non-zero attenuation is scaled by
 * 10^(-att/20) with audioop.mul's flooring.
 *
 * <p>Same samples as pydub's loop, computed a block of frames at a time: the window sums of squares,
 * their roots (vectorised), the attenuation (the only loop carried from frame to frame), then the
 * products, taken with both bounds of a fast factor and redone with pydub's exact factor where the
 * two floors differ.
 */
public final class DynamicRangeCompressor {
  private final double thresholdDbfs;
  private final double ratio;
  private final double attackMs;
  private final double releaseMs;

  /** pydub's defaults are (-20, 4, 5, 50); the seed uses ratio 3 for preprocess and 4 for optimize. */
  public DynamicRangeCompressor(double thresholdDbfs, double ratio, double attackMs, double releaseMs) {
    if (ratio < 1 || attackMs <= 0 || releaseMs <= 0) {
      throw new IllegalArgumentException("need ratio >= 1 and positive attack and release");
    }
    this.thresholdDbfs = thresholdDbfs;
    this.ratio = ratio;
    this.attackMs = attackMs;
    this.releaseMs = releaseMs;
  }

  public AudioClip apply(AudioClip clip) {
    return apply(PcmSegment.of(clip)).toClip();
  }

  PcmSegment apply(PcmSegment seg) {
    double threshRms = PcmSegment.FULL_SCALE * PcmSegment.dbToFloat(thresholdDbfs);
    int lookFrames = (int) seg.frameCount(attackMs);
    double attackFrames = seg.frameCount(attackMs);
    double releaseFrames = seg.frameCount(releaseMs);
    double keep = 1 - (1.0 / ratio);

    int ch = seg.channels;
    short[] in = seg.data;
    short[] out = new short[in.length];
    int frames = seg.frames();
    // dB over the threshold depends only on the integer RMS: a table shared by every call; it is
    // 0 exactly for an RMS at or under the threshold, so "over != 0" is pydub's "rms > thresh_rms"
    double[] overDb = overDbTable(threshRms);
    Block b = new Block(Math.min(frames, BLOCK));
    long sumSquares = 0;
    double attenuation = 0.0;
    // frame by frame only where a frame depends on the one before (the window sum, the
    // attenuation): the divisions, roots and products run in loops of their own, which the JIT
    // vectorises or pipelines
    for (int blockStart = 0; blockStart < frames; blockStart += BLOCK) {
      int n = Math.min(frames, blockStart + BLOCK) - blockStart;
      sumSquares = windowSums(in, ch, lookFrames, blockStart, n, sumSquares, b);
      windowRms(ch, lookFrames, blockStart, n, b.level);
      for (int j = 0; j < n; j++) {
        double over = overDb[(int) b.level[j]];
        if (over != 0.0) {
          double maxAttenuation = keep * over;
          // branches, not selects: mispredicted at times, but a select's longer chain from one
          // frame's attenuation to the next costs more
          if (attenuation <= maxAttenuation) {
            attenuation += maxAttenuation / attackFrames;
            if (attenuation > maxAttenuation) {
              attenuation = maxAttenuation;
            }
          } else {
            attenuation -= maxAttenuation / releaseFrames;
            if (attenuation < 0) {
              attenuation = 0.0;
            }
          }
          b.attenuate(attenuation);
        }
        // at or below the threshold the attenuation holds: max(att - 0, 0) and min(att + 0, att)
        b.frame(j);
      }
      applyGain(in, out, ch, blockStart, n, b);
    }
    return seg.spawn(out);
  }

  /**
   * Scratch arrays for one block of frames: each frame's window level (its sum of squares, then its
   * RMS), its attenuation and the bounds of its gain factor.
   */
  static final class Block {
    final int[] delta;
    final double[] level;
    final double[] attenuation;
    final double[] low;
    final double[] high;
    /** The attenuation frames get from now on, and its factor's bounds (1 and 1 for none: exact). */
    private double current;
    private double currentLow = 1.0;
    private double currentHigh = 1.0;

    Block(int size) {
      delta = new int[size];
      level = new double[size];
      attenuation = new double[size];
      low = new double[size];
      high = new double[size];
    }

    /** Frames from now on are attenuated by {@code attenuationDb}. */
    void attenuate(double attenuationDb) {
      current = attenuationDb;
      if (attenuationDb == 0.0) {
        currentLow = 1.0;
        currentHigh = 1.0;
      } else {
        double factor = attenuationFactor(attenuationDb);
        currentLow = factor * (1 - FACTOR_SLACK);
        currentHigh = factor * (1 + FACTOR_SLACK);
      }
    }

    /** Frame {@code j} of the block gets the current attenuation. */
    void frame(int j) {
      attenuation[j] = current;
      low[j] = currentLow;
      high[j] = currentHigh;
    }
  }

  /**
   * The window sum of squares of frames {@code [start, start + n)} into {@code b.level}: window i
   * is pydub's get_sample_slice(i - look, i), frames [max(0, i - look), i). Exact integers (under
   * 2^53) held as doubles; returns the running sum for the next block.
   */
  private static long windowSums(short[] in, int ch, int look, int start, int n, long sum, Block b) {
    double[] level = b.level;
    if (ch != 1) {
      for (int j = 0; j < n; j++) {
        int i = start + j;
        if (i > 0) {
          sum += squares(in, i - 1, ch);
        }
        if (i - look - 1 >= 0) {
          sum -= squares(in, i - look - 1, ch);
        }
        level[j] = sum;
      }
      return sum;
    }
    // mono: the change at each frame (frame i - 1 enters, i - look - 1 leaves) in a loop the JIT
    // vectorises, then the running sum
    int[] delta = b.delta;
    int steady = Math.max(0, Math.min(n, look + 1 - start));
    for (int j = 0; j < steady; j++) {
      int i = start + j;
      int enter = i > 0 ? in[i - 1] : 0;
      int leave = i - look - 1 >= 0 ? in[i - look - 1] : 0;
      delta[j] = enter * enter - leave * leave;
    }
    for (int j = steady; j < n; j++) {
      int enter = in[start + j - 1];
      int leave = in[start + j - look - 1];
      delta[j] = enter * enter - leave * leave;
    }
    for (int j = 0; j < n; j++) {
      sum += delta[j];
      level[j] = sum;
    }
    return sum;
  }

  /**
   * audioop.rms of each window from its sum of squares, in place: sqrt(sum / count) in double, as
   * audioop computes it (the caller truncates). The window holds min(i, look) frames.
   */
  private static void windowRms(int ch, int look, int start, int n, double[] level) {
    int growing = Math.max(0, Math.min(n, look - start));
    for (int j = 0; j < growing; j++) {
      long count = (long) (start + j) * ch;
      level[j] = count == 0 ? 0 : Math.sqrt(level[j] / count);
    }
    double count = (double) look * ch;
    for (int j = growing; j < n; j++) {
      level[j] = Math.sqrt(level[j] / count);
    }
  }

  /**
   * audioop.mul of each frame by its factor, floored. The factor is only known to within {@link
   * #FACTOR_SLACK}, so each sample is multiplied by both bounds: where the floors agree, pydub's
   * exactly rounded factor gives the same (rounding is monotonic); where they differ (a product next
   * to an integer, rare), the sample is multiplied again by pydub's own 10^(-att/20).
   */
  static void applyGain(short[] in, short[] out, int ch, int start, int n, Block b) {
    int differ = 0;
    if (ch == 1) {
      for (int j = 0; j < n; j++) {
        int s = in[start + j];
        int lowFloor = (int) Math.floor(s * b.low[j]);
        int highFloor = (int) Math.floor(s * b.high[j]);
        differ |= lowFloor ^ highFloor;
        out[start + j] = (short) lowFloor;
      }
    } else {
      for (int j = 0; j < n; j++) {
        for (int c = 0; c < ch; c++) {
          int s = in[(start + j) * ch + c];
          int lowFloor = (int) Math.floor(s * b.low[j]);
          differ |= lowFloor ^ (int) Math.floor(s * b.high[j]);
          out[(start + j) * ch + c] = (short) lowFloor;
        }
      }
    }
    if (differ == 0) {
      return;
    }
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < ch; c++) {
        int at = (start + j) * ch + c;
        int s = in[at];
        if ((int) Math.floor(s * b.low[j]) != (int) Math.floor(s * b.high[j])) {
          // audioop.mul's clamp never bites elsewhere: the factor is at most 1, and in
          // (-32768, -32767) clamping to -32768 and flooring agree
          out[at] = PcmSegment.mulSample((short) s, PcmSegment.dbToFloat(-b.attenuation[j]));
        }
      }
    }
  }

  private static long squares(short[] in, int frame, int ch) {
    long sum = 0;
    for (int c = 0; c < ch; c++) {
      int s = in[frame * ch + c];
      sum += s * s;
    }
    return sum;
  }

  /** Frames per block: the scratch arrays (36 KB) stay in the core's caches. */
  private static final int BLOCK = 1024;

  /**
   * The relative width of the interval around {@link #attenuationFactor} that holds pydub's factor:
   * far wider than the table's error (under 1e-14, tested) and far narrower than what moves a
   * product of a 16-bit sample across an integer but rarely (32768 * 1e-13 = 3.3e-9).
   */
  static final double FACTOR_SLACK = 1e-13;

  // 10^(-dB/20) = exp(-dB * ln(10) / 20)
  private static final double NEPERS_PER_DB = Math.log(10) / 20;
  private static final int TABLE_STEPS_PER_NEPER = 1024;
  /** exp(-k / 1024) for attenuations up to 60 dB (the seed's reach about 20 dB). */
  private static final double[] EXP_TABLE = expTable(60 * NEPERS_PER_DB);

  private static double[] expTable(double maxNepers) {
    double[] t = new double[(int) Math.ceil(maxNepers * TABLE_STEPS_PER_NEPER) + 1];
    for (int k = 0; k < t.length; k++) {
      t[k] = Math.exp(-(double) k / TABLE_STEPS_PER_NEPER);
    }
    return t;
  }

  /**
   * 10^(-attenuation/20) to within 1e-14 relative, several times faster than Math.pow: a table of
   * exp(-k/1024) times a degree-3 Taylor polynomial of exp(-r), |r| <= 1/2048 (remainder < 3e-15).
   */
  static double attenuationFactor(double attenuationDb) {
    double y = attenuationDb * NEPERS_PER_DB;
    double steps = Math.rint(y * TABLE_STEPS_PER_NEPER);
    if (!(steps >= 0 && steps < EXP_TABLE.length)) {
      return Math.pow(10, -attenuationDb / 20);
    }
    double r = y - steps / TABLE_STEPS_PER_NEPER;
    double poly = 1 - r * (1 - r * (1.0 / 2 - r * (1.0 / 6)));
    return EXP_TABLE[(int) steps] * poly;
  }

  /** The last table built: every seed step uses the same threshold, so one entry is enough. */
  private static volatile OverDbTable lastTable;

  private record OverDbTable(double threshRms, double[] overDb) {}

  /** dB over the threshold for every integer RMS 0..32768 (0 at or below the threshold). */
  private static double[] overDbTable(double threshRms) {
    OverDbTable t = lastTable;
    if (t != null && t.threshRms() == threshRms) {
      return t.overDb();
    }
    double[] table = new double[PcmSegment.FULL_SCALE_INT + 1];
    for (int rms = 0; rms < table.length; rms++) {
      table[rms] = dbOverThreshold(rms, threshRms);
    }
    lastTable = new OverDbTable(threshRms, table);
    return table;
  }

  private static double dbOverThreshold(int rms, double threshRms) {
    if (rms == 0) {
      return 0.0;
    }
    return Math.max(PcmSegment.ratioToDb(rms / threshRms), 0);
  }
}
