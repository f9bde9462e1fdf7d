package dev.voicegen.audio.io;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.avformat.AVFormatContext.AVFMT_FLAG_CUSTOM_IO;
import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_SCORE_RETRY;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_buffer2;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import dev.voicegen.audio.AudioClip;
import java.time.Duration;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes any audio format FFmpeg's demuxers recognise (MP3, Ogg Vorbis and Opus, M4A/AAC, ...)
 * from an in-memory file, at the stream's native rate and channel count, as planar floats.
 *
 * <p>Content decides the format (FFmpeg's probe; the file name is not passed). Input goes through
 * {@link InMemoryAvio}, never a temp file. Strict where FFmpeg's CLI is lenient: every error FFmpeg
 * returns ends in an {@link AudioDecodeException} naming the source and FFmpeg's error string, as
 * does a stream that changes rate or channel count midway, or that stops well before the duration
 * its container declares (a truncated file). A stream that would decode beyond {@link
 * #maxDuration()} (default {@link #DEFAULT_MAX_DURATION}) is refused without allocating it: a 2 h
 * 48 kHz stereo clip is 2.8 GB of floats.
 *
 * <p>Instances are immutable and thread-safe: each call opens its own FFmpeg contexts and frees
 * every one of them before returning.
 */
public final class FfmpegDecoder {
  /** The default limit on decoded duration. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(2);

  /** More channels than any speech recording has; bounds memory per decoded second. */
  public static final int MAX_CHANNELS = 32;

  private static final FfmpegDecoder DEFAULT = new FfmpegDecoder(DEFAULT_MAX_DURATION);

  /** AVERROR(EAGAIN): the decoder wants another packet before it can return a frame. */
  private static final int AVERROR_EAGAIN = -11;

  /** A stream counts as truncated when it ends this far short of its declared duration. */
  private static final double TRUNCATION_MIN_SECONDS = 0.1;
  private static final double TRUNCATION_MIN_FRACTION = 0.02;

  /** Content in which FFmpeg recognises no format at all (as opposed to a broken file of a known one). */
  static final class UnrecognisedFormatException extends AudioDecodeException {
    private static final long serialVersionUID = 1L;

    UnrecognisedFormatException(String source, String problem) {
      super(source, problem);
    }
  }

  private final Duration maxDuration;

  public FfmpegDecoder(Duration maxDuration) {
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("max duration must be positive: " + maxDuration);
    }
    this.maxDuration = maxDuration;
  }

  /** A decoder with the default two-hour limit. */
  public static FfmpegDecoder standard() {
    return DEFAULT;
  }

  public Duration maxDuration() {
    return maxDuration;
  }

  /**
   * @param source the file name or URI, used only in error messages
   * @param data the whole file
   */
  public AudioClip decode(String source, byte[] data) throws AudioDecodeException {
    return decode(source, data, "audio other than WAV and FLAC");
  }

  /** As {@link #decode(String, byte[])}; {@code format} names the sniffed format in a load error. */
  AudioClip decode(String source, byte[] data, String format) throws AudioDecodeException {
    if (data.length == 0) {
      throw new AudioDecodeException(source, "empty file (0 bytes)");
    }
    FfmpegNatives.require(source, format);
    FfmpegNatives.clearLastError();
    AVFormatContext container = null;
    AVCodecContext codec = null;
    AVPacket packet = null;
    AVFrame frame = null;
    FrameConverter converter = null;
    try (InMemoryAvio input = InMemoryAvio.open(source, data)) {
      try {
        container = openContainer(source, input);
        int index = audioStream(source, container);
        AVStream stream = container.streams(index);
        double declared = declaredSeconds(source, container, stream);
        int rate = stream.codecpar().sample_rate();
        if (!Double.isNaN(declared) && rate > 0) {
          // decoded to floats: 4 bytes a sample
          DecodedSizeLimit.check(source, (long) Math.ceil(declared * rate),
              Math.max(1, stream.codecpar().ch_layout().nb_channels()), rate, 4);
        }
        codec = openDecoder(source, stream.codecpar());
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        if (packet == null || packet.isNull() || frame == null || frame.isNull()) {
          throw new AudioDecodeException(source, "FFmpeg could not allocate a packet or frame");
        }
        converter = new FrameConverter(source, maxDuration);
        int read;
        while ((read = av_read_frame(container, packet)) >= 0) {
          try {
            if (packet.stream_index() == index) {
              check(source, avcodec_send_packet(codec, packet), "decoding failed");
              drain(source, codec, frame, converter);
            }
          } finally {
            av_packet_unref(packet);
          }
        }
        if (read != AVERROR_EOF) {
          throw failure(source, read, "reading the stream failed");
        }
        check(source, avcodec_send_packet(codec, (AVPacket) null), "decoding failed"); // flush
        drain(source, codec, frame, converter);
        AudioClip clip = converter.toClip();
        checkComplete(source, clip, declared);
        return clip;
      } finally {
        if (converter != null) {
          converter.close();
        }
        if (frame != null) {
          av_frame_free(frame);
        }
        if (packet != null) {
          av_packet_free(packet);
        }
        if (codec != null) {
          avcodec_free_context(codec);
        }
        if (container != null) {
          avformat_close_input(container); // leaves our custom AVIOContext to InMemoryAvio.close()
        }
      }
    }
  }

  private static AVFormatContext openContainer(String source, InMemoryAvio input) throws AudioDecodeException {
    AVInputFormat format = probe(source, input);
    String name = format.name().getString();
    AVFormatContext container = avformat_alloc_context();
    if (container == null || container.isNull()) {
      throw new AudioDecodeException(source, "FFmpeg could not allocate a format context");
    }
    container.pb(input.context());
    container.flags(container.flags() | AVFMT_FLAG_CUSTOM_IO);
    PointerPointer<AVFormatContext> ref = new PointerPointer<AVFormatContext>(1).put(container);
    try (BytePointer url = new BytePointer("")) {
      int opened = avformat_open_input(ref, url, format, (PointerPointer<?>) null);
      if (opened < 0) {
        throw failure(source, opened, "cannot read the " + name + " header"); // FFmpeg freed the context
      }
      container = ref.get(AVFormatContext.class);
    } finally {
      ref.close();
    }
    try {
      check(source, avformat_find_stream_info(container, (PointerPointer<?>) null),
          "cannot read the " + name + " stream headers");
      return container;
    } catch (AudioDecodeException e) {
      avformat_close_input(container);
      throw e;
    }
  }

  /** FFmpeg's content sniffing, with no file name to lean on; a weak guess is no format at all. */
  private static AVInputFormat probe(String source, InMemoryAvio input) throws AudioDecodeException {
    PointerPointer<AVInputFormat> ref = new PointerPointer<>(1);
    ref.put(0, (Pointer) null); // FFmpeg reads *fmt first: JavaCPP's allocation is not zeroed
    try (BytePointer url = new BytePointer("")) {
      int score = av_probe_input_buffer2(input.context(), ref, url, null, 0, 0);
      if (score < 0) {
        throw new UnrecognisedFormatException(source, "not an audio file FFmpeg recognises (FFmpeg: "
            + FfmpegNatives.describe(score) + ")");
      }
      AVInputFormat format = ref.get(AVInputFormat.class);
      if (score < AVPROBE_SCORE_RETRY) {
        // FFmpeg itself warns "misdetection possible" below this score: random bytes land here
        throw new UnrecognisedFormatException(source, "not an audio file FFmpeg recognises (its best guess, '"
            + format.name().getString() + "', scores only " + score + " of 100)");
      }
      return format;
    } finally {
      ref.close();
    }
  }

  /** The index of the best audio stream; every other stream is discarded by the demuxer. */
  private static int audioStream(String source, AVFormatContext container) throws AudioDecodeException {
    int index = av_find_best_stream(container, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
    String format = container.iformat().name().getString();
    if (index == AVERROR_STREAM_NOT_FOUND) {
      throw new AudioDecodeException(source, "no audio stream in this " + format + " file");
    }
    check(source, index, "no decodable audio stream in this " + format + " file");
    for (int i = 0; i < container.nb_streams(); i++) {
      if (i != index) {
        container.streams(i).discard(AVDISCARD_ALL);
      }
    }
    AVCodecParameters parameters = container.streams(index).codecpar();
    int channels = parameters.ch_layout().nb_channels();
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new AudioDecodeException(source, format + " audio stream declares " + channels
          + " channels (supported: 1 to " + MAX_CHANNELS + ")");
    }
    return index;
  }

  /** The duration the container declares, in seconds; NaN when unknown or only guessed from the bit rate. */
  private double declaredSeconds(String source, AVFormatContext container, AVStream stream)
      throws AudioDecodeException {
    double seconds = Double.NaN;
    if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
      seconds = stream.duration() * av_q2d(stream.time_base());
    } else if (container.duration() != AV_NOPTS_VALUE && container.duration() > 0) {
      seconds = container.duration() / (double) AV_TIME_BASE;
    }
    if (container.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE) {
      return Double.NaN; // a guess from file size and bit rate: the frame limit guards these
    }
    if (seconds > maxDuration.toMillis() / 1000.0) {
      throw new AudioTooLongException(source, String.format("declares %.1f s of audio, over the %s limit;"
          + " refused before decoding", seconds, limitText(maxDuration)));
    }
    return seconds;
  }

  private static AVCodecContext openDecoder(String source, AVCodecParameters parameters) throws AudioDecodeException {
    String codecName = avcodec_get_name(parameters.codec_id()).getString();
    AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new AudioDecodeException(source, "FFmpeg has no decoder for the " + codecName + " codec");
    }
    AVCodecContext codec = avcodec_alloc_context3(decoder);
    if (codec == null || codec.isNull()) {
      throw new AudioDecodeException(source, "FFmpeg could not allocate a " + codecName + " decoder");
    }
    try {
      check(source, avcodec_parameters_to_context(codec, parameters), "bad " + codecName + " parameters");
      codec.thread_count(1); // one call, one thread: callers parallelise across files
      check(source, avcodec_open2(codec, decoder, (AVDictionary) null), "cannot open the " + codecName + " decoder");
      return codec;
    } catch (AudioDecodeException e) {
      avcodec_free_context(codec);
      throw e;
    }
  }

  /** Takes every frame the decoder has ready. */
  private static void drain(String source, AVCodecContext codec, AVFrame frame, FrameConverter converter)
      throws AudioDecodeException {
    while (true) {
      int received = avcodec_receive_frame(codec, frame);
      if (received == AVERROR_EAGAIN || received == AVERROR_EOF) {
        return;
      }
      check(source, received, "decoding failed");
      try {
        converter.accept(frame);
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  /** A container that states its length (MP4, Ogg, an MP3 Xing header) must deliver about that much. */
  private static void checkComplete(String source, AudioClip clip, double declared) throws AudioDecodeException {
    double decoded = clip.durationSeconds();
    if (!Double.isNaN(declared)
        && declared - decoded > Math.max(TRUNCATION_MIN_SECONDS, TRUNCATION_MIN_FRACTION * declared)) {
      throw new AudioDecodeException(source, String.format(
          "truncated: the stream declares %.3f s, only %.3f s decoded", declared, decoded));
    }
  }

  /** "2 h", "90 min", "1.5 s": the limit as an error message states it. */
  static String limitText(Duration limit) {
    if (limit.toSeconds() % 3600 == 0 && limit.toNanos() % 1_000_000_000L == 0) {
      return limit.toHours() + " h";
    }
    if (limit.toSeconds() % 60 == 0 && limit.toNanos() % 1_000_000_000L == 0) {
      return limit.toMinutes() + " min";
    }
    return limit.toMillis() / 1000.0 + " s";
  }

  static void check(String source, int code, String what) throws AudioDecodeException {
    if (code < 0) {
      throw failure(source, code, what);
    }
  }

  static AudioDecodeException failure(String source, int code, String what) {
    return new AudioDecodeException(source, what + " (FFmpeg: " + FfmpegNatives.describe(code) + ")");
  }
}
