package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.util.Arrays;

/**
 * 16-bit PCM held the way pydub's {@code AudioSegment} holds it: interleaved int16 frames, with
 * pydub's millisecond arithmetic (lengths rounded half-even, positions truncated to frames, short
 * slices padded with silence). The seed kernels work on this type so that every step quantises to
 * 16 bits exactly where pydub does; {@link #of(AudioClip)} and {@link #toClip()} share the samples of
 * 16-bit clips (no copy) and convert float clips. A segment's array is never written once it exists.
 */
final class PcmSegment {
  // audioop's clamp bounds for 16-bit samples
  static final double MAX_SAMPLE = 32767;
  static final double MIN_SAMPLE = -32768;
  /** pydub's max_possible_amplitude for 16-bit audio: 2**16 / 2. */
  static final double FULL_SCALE = 32768.0;
  /** The largest integer RMS of 16-bit data. */
  static final int FULL_SCALE_INT = 32768;

  final short[] data;
  final int channels;
  final int rate;

  PcmSegment(short[] data, int channels, int rate) {
    if (data.length % channels != 0) {
      throw new IllegalArgumentException("partial frame: " + data.length + " samples, " + channels + " ch");
    }
    this.data = data;
    this.channels = channels;
    this.rate = rate;
  }

  /**
   * The clip as 16-bit PCM: its own samples, not copied, when it is held as 16-bit; otherwise
   * quantised (exact for clips decoded from 16-bit PCM) and interleaved.
   */
  static PcmSegment of(AudioClip clip) {
    short[] pcm = clip.pcm16();
    if (pcm != null) {
      return new PcmSegment(pcm, clip.channelCount(), clip.sampleRate());
    }
    int n = clip.frames();
    int ch = clip.channelCount();
    short[] out = new short[n * ch];
    for (int c = 0; c < ch; c++) {
      float[] src = clip.channel(c);
      for (int i = 0; i < n; i++) {
        out[i * ch + c] = quantise(src[i]);
      }
    }
    return new PcmSegment(out, ch, clip.sampleRate());
  }

  static PcmSegment ofMono(int rate, short[] samples) {
    return new PcmSegment(samples, 1, rate);
  }

  static short quantise(float x) {
    double v = Math.rint(x * FULL_SCALE);
    return (short) Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, v));
  }

  /** The segment as a 16-bit clip sharing its samples (segments are never written after creation). */
  AudioClip toClip() {
    return AudioClip.ofPcm16(rate, channels, data);
  }

  PcmSegment spawn(short[] samples) {
    return new PcmSegment(samples, channels, rate);
  }

  int frames() {
    return data.length / channels;
  }

  /** pydub's {@code len(seg)}: round(1000 * (frames / rate)), Python's round being half-even. */
  long lengthMs() {
    return (long) Math.rint(1000 * ((double) frames() / rate));
  }

  /** pydub's {@code frame_count(ms=...)}: a fractional frame count. */
  double frameCount(double ms) {
    return ms * (rate / 1000.0);
  }

  /** pydub's {@code _parse_position}: negative positions count from the end; truncated to a frame. */
  long parsePosition(double ms) {
    if (ms < 0) {
      ms = lengthMs() - Math.abs(ms);
    }
    return (long) frameCount(ms);
  }

  /** pydub's {@code seg[start:end]} in milliseconds, including its padding of up to 2 ms of silence. */
  PcmSegment slice(double startMs, double endMs) {
    long len = lengthMs();
    return sliceFrames(parsePosition(Math.min(startMs, len)), parsePosition(Math.min(endMs, len)));
  }

  /** pydub's {@code seg[ms]}: the one-millisecond slice at {@code ms}, not clamped to the length. */
  PcmSegment sliceAt(long ms) {
    return sliceFrames(parsePosition(ms), parsePosition(ms + 1));
  }

  private PcmSegment sliceFrames(long startFrame, long endFrame) {
    long start = startFrame * channels;
    long end = endFrame * channels;
    return spawn(padSlice(pythonSlice(data, start, end), start, end, channels, rate));
  }

  /**
   * pydub's padding of a slice of samples {@code [start, end)} that came out {@code sliced}: up to
   * 2 ms of missing frames are added as silence (none when the slice is empty), more is an error.
   */
  static short[] padSlice(short[] sliced, long start, long end, int channels, int rate) {
    long missingFrames = Math.floorDiv((end - start) - sliced.length, (long) channels);
    if (missingFrames > 0) {
      if (missingFrames > 2 * (rate / 1000.0)) {
        throw new IllegalStateException("pydub would refuse to pad " + missingFrames + " frames");
      }
      // pydub pads with a silenced copy of the first frame: nothing at all when the slice is empty
      if (sliced.length > 0) {
        return Arrays.copyOf(sliced, sliced.length + (int) missingFrames * channels);
      }
    }
    return sliced;
  }

  /** pydub's {@code get_sample_slice}: frames [start, end) with both ends clamped to the segment. */
  PcmSegment sampleSlice(long startFrame, long endFrame) {
    int max = frames();
    int s = (int) Math.max(0, Math.min(startFrame, max));
    int e = (int) Math.max(0, Math.min(endFrame, max));
    return spawn(Arrays.copyOfRange(data, s * channels, Math.max(s, e) * channels));
  }

  /** Python's {@code seq[start:end]} on samples, negative indices counting from the end. */
  static short[] pythonSlice(short[] samples, long start, long end) {
    int n = samples.length;
    int s = (int) (start < 0 ? Math.max(0, start + n) : Math.min(start, n));
    int e = (int) (end < 0 ? Math.max(0, end + n) : Math.min(end, n));
    return e <= s ? new short[0] : Arrays.copyOfRange(samples, s, e);
  }

  PcmSegment concat(PcmSegment... parts) {
    int total = data.length;
    for (PcmSegment p : parts) {
      total += p.data.length;
    }
    short[] out = Arrays.copyOf(data, total);
    int at = data.length;
    for (PcmSegment p : parts) {
      System.arraycopy(p.data, 0, out, at, p.data.length);
      at += p.data.length;
    }
    return spawn(out);
  }

  /** audioop.rms: the truncated integer RMS over all interleaved samples. */
  int rms() {
    return rmsOf(data, 0, data.length);
  }

  static int rmsOf(short[] samples, int from, int to) {
    long sumSquares = 0;
    for (int i = from; i < to; i++) {
      sumSquares += samples[i] * samples[i];
    }
    return rmsOf(sumSquares, to - from);
  }

  /** audioop.rms from a sum of squares over {@code count} samples (padding zeros included). */
  static int rmsOf(long sumSquares, long count) {
    return count == 0 ? 0 : (int) Math.sqrt((double) sumSquares / (double) count);
  }

  /** audioop.max: the largest absolute sample value (32768 for -32768). */
  int max() {
    // the largest and the smallest sample: two min/max reductions the JIT vectorises
    int hi = 0;
    int lo = 0;
    for (short s : data) {
      hi = Math.max(hi, s);
      lo = Math.min(lo, s);
    }
    return Math.max(hi, -lo);
  }

  /** audioop.mul: scale, clamp, and round towards minus infinity. */
  PcmSegment mul(double factor) {
    short[] out = new short[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = mulSample(data[i], factor);
    }
    return spawn(out);
  }

  static short mulSample(short sample, double factor) {
    double v = sample * factor;
    if (v > MAX_SAMPLE) {
      v = MAX_SAMPLE;
    } else if (v < MIN_SAMPLE + 1.0) {
      v = MIN_SAMPLE;
    }
    return (short) Math.floor(v);
  }

  /** audioop.add: sample-wise sum, clamped to 16 bits; both arrays have the same length. */
  static short[] add(short[] a, short[] b) {
    short[] out = new short[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (short) Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, a[i] + b[i]));
    }
    return out;
  }

  /** pydub's {@code db_to_float}: 10 ** (db / 20). */
  static double dbToFloat(double db) {
    return StrictMath.pow(10, db / 20);
  }

  /** pydub's {@code ratio_to_db}: 20 * log(ratio, 10), with Python's log(x, base) = ln x / ln base. */
  static double ratioToDb(double ratio) {
    if (ratio == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return 20 * (StrictMath.log(ratio) / StrictMath.log(10));
  }
}
