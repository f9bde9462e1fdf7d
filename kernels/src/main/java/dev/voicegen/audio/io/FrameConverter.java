package dev.voicegen.audio.io;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.voicegen.audio.AudioClip;
import java.time.Duration;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Collects decoded frames as planar floats. Float planar frames (what the MP3, AAC, Vorbis and Opus
 * decoders produce) are copied as they are; any other sample format goes through swresample at
 * the same rate and channel layout, so it converts the format and nothing else.
 */
final class FrameConverter implements AutoCloseable {
  private final String source;
  private final Duration maxDuration;
  private DecodedChannels out;
  private FloatPointer[] planes;
  private SwrContext swr;
  private int swrFormat = -1;
  private FloatPointer[] scratch;
  private PointerPointer<FloatPointer> scratchRef;
  private int scratchFrames;

  FrameConverter(String source, Duration maxDuration) {
    this.source = source;
    this.maxDuration = maxDuration;
  }

  void accept(AVFrame frame) throws AudioDecodeException {
    int n = frame.nb_samples();
    if (n <= 0) {
      return;
    }
    int rate = frame.sample_rate();
    int channels = frame.ch_layout().nb_channels();
    if (out == null) {
      start(rate, channels);
    } else if (rate != out.sampleRate() || channels != out.channelCount()) {
      // one AudioClip has one rate and channel count: chained streams that differ are refused
      throw new AudioDecodeException(source, "the stream changes from " + out.sampleRate() + " Hz, "
          + out.channelCount() + " channels to " + rate + " Hz, " + channels + " channels midway");
    }
    if (frame.format() == AV_SAMPLE_FMT_FLTP) {
      for (int c = 0; c < channels; c++) {
        planes[c] = new FloatPointer(frame.extended_data(c));
      }
      out.append(planes, n);
    } else {
      convert(frame, n);
    }
  }

  private void start(int rate, int channels) throws AudioDecodeException {
    if (rate <= 0) {
      throw new AudioDecodeException(source, "the decoder reports a sample rate of " + rate + " Hz");
    }
    if (channels < 1 || channels > FfmpegDecoder.MAX_CHANNELS) {
      throw new AudioDecodeException(source, "the decoder reports " + channels + " channels (supported: 1 to "
          + FfmpegDecoder.MAX_CHANNELS + ")");
    }
    long maxFrames = (long) Math.floor(maxDuration.toMillis() / 1000.0 * rate);
    out = new DecodedChannels(source, rate, channels, maxFrames, FfmpegDecoder.limitText(maxDuration));
    planes = new FloatPointer[channels];
  }

  private void convert(AVFrame frame, int n) throws AudioDecodeException {
    if (swr == null || swrFormat != frame.format()) {
      openResampler(frame);
    }
    int capacity = swr_get_out_samples(swr, n);
    FfmpegDecoder.check(source, capacity, "cannot size the sample format conversion");
    reserveScratch(capacity);
    int converted = swr_convert(swr, scratchRef, scratchFrames, frame.extended_data(), n);
    FfmpegDecoder.check(source, converted, "sample format conversion failed");
    out.append(scratch, converted);
  }

  /** Same layout and rate on both sides: swresample only converts the sample format. */
  private void openResampler(AVFrame frame) throws AudioDecodeException {
    freeResampler();
    AVChannelLayout layout = frame.ch_layout();
    PointerPointer<SwrContext> ref = new PointerPointer<>(1);
    ref.put(0, (Pointer) null); // swr_alloc_set_opts2 reuses a non-null *ps: start from none
    try {
      int rate = frame.sample_rate();
      int allocated = swr_alloc_set_opts2(ref, layout, AV_SAMPLE_FMT_FLTP, rate, layout, frame.format(), rate, 0,
          (Pointer) null);
      FfmpegDecoder.check(source, allocated, "cannot convert " + sampleFormatName(frame.format()) + " samples");
      swr = ref.get(SwrContext.class);
      swrFormat = frame.format();
      FfmpegDecoder.check(source, swr_init(swr), "cannot convert " + sampleFormatName(frame.format()) + " samples");
    } finally {
      ref.close();
    }
  }

  private static String sampleFormatName(int format) {
    BytePointer name = av_get_sample_fmt_name(format);
    return name == null || name.isNull() ? "format " + format : name.getString();
  }

  private void reserveScratch(int frames) {
    if (scratch != null && scratchFrames >= frames) {
      return;
    }
    freeScratch();
    int channels = out.channelCount();
    scratch = new FloatPointer[channels];
    scratchRef = new PointerPointer<>(channels);
    for (int c = 0; c < channels; c++) {
      scratch[c] = new FloatPointer(frames);
      scratchRef.put(c, scratch[c]);
    }
    scratchFrames = frames;
  }

  /** The decoded clip; an {@link AudioDecodeException} when no frame was decoded at all. */
  AudioClip toClip() throws AudioDecodeException {
    if (out == null || out.frames() == 0) {
      throw new AudioDecodeException(source, "no audio frames");
    }
    return out.toClip();
  }

  @Override
  public void close() {
    freeResampler();
    freeScratch();
  }

  private void freeResampler() {
    if (swr != null) {
      swr_free(swr);
      swr = null;
      swrFormat = -1;
    }
  }

  private void freeScratch() {
    if (scratch != null) {
      for (FloatPointer plane : scratch) {
        plane.close();
      }
      scratchRef.close();
      scratch = null;
      scratchRef = null;
      scratchFrames = 0;
    }
  }
}
