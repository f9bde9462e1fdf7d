package dev.voicegen.audio.io;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;

import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytedeco FFmpeg natives, loaded once per JVM, with FFmpeg's console logging routed to SLF4J.
 *
 * <p>A JVM whose natives cannot load (another platform, a read-only JavaCPP cache) keeps decoding
 * WAV and FLAC: only the formats that need FFmpeg fail, with a message saying why.
 */
final class FfmpegNatives {
  private static final Logger LOG = LoggerFactory.getLogger(FfmpegNatives.class);

  /** The last error FFmpeg logged on this thread: names the detail av_strerror leaves out. */
  private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
  private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[([\\w:.-]+) @ 0x[0-9a-fA-F]+\\] ");

  private FfmpegNatives() {}

  /** Loaded on first use; null when the natives work, otherwise why they do not. */
  private static final class Loaded {
    static final Throwable FAILURE = load();
    // held for the life of the JVM: FFmpeg keeps calling it
    static LogCallback sink;
  }

  private static Throwable load() {
    try {
      Loader.load(avutil.class);
      Loader.load(avcodec.class);
      Loader.load(avformat.class);
      Loader.load(swresample.class);
      avutil.av_log_set_level(AV_LOG_WARNING);
      Loaded.sink = new LogSink();
      avutil.setLogCallback(Loaded.sink);
      return null;
    } catch (LinkageError | RuntimeException e) {
      // UnsatisfiedLinkError, NoClassDefFoundError, or JavaCPP failing to extract into its cache
      LOG.warn("FFmpeg natives unavailable; only WAV and FLAC can be decoded", e);
      return e;
    }
  }

  /** Whether FFmpeg can be used in this JVM (loads it on the first call). */
  static boolean available() {
    return Loaded.FAILURE == null;
  }

  /** Throws the error every FFmpeg-only format gets when the natives did not load. */
  static void require(String source, String format) throws AudioDecodeException {
    Throwable failure = Loaded.FAILURE;
    if (failure != null) {
      throw new AudioDecodeException(source, "cannot decode " + format + ": the FFmpeg native library"
          + " could not be loaded (" + failure + "); only WAV and FLAC can be decoded", failure);
    }
  }

  /** FFmpeg's text for an error code, as av_strerror gives it, plus the last error FFmpeg logged. */
  static String describe(int code) {
    byte[] buffer = new byte[256];
    String text;
    if (avutil.av_strerror(code, buffer, buffer.length) == 0) {
      int end = 0;
      while (end < buffer.length && buffer[end] != 0) {
        end++;
      }
      text = new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    } else {
      text = "error code " + code;
    }
    String detail = takeLastError();
    return detail == null ? text : text + " (" + detail + ")";
  }

  /** Forgets any error logged on this thread before a decode starts. */
  static void clearLastError() {
    LAST_ERROR.remove();
  }

  static String takeLastError() {
    String message = LAST_ERROR.get();
    LAST_ERROR.remove();
    return message;
  }

  /** Receives FFmpeg's formatted log lines on whichever thread logged them. */
  private static final class LogSink extends LogCallback {
    @Override
    public void call(int level, BytePointer message) {
      if (level > AV_LOG_WARNING) {
        return; // FFmpeg calls for every level: info, debug and trace are dropped here
      }
      try {
        // "[ogg @ 0x7f87...] Header processing failed" -> "ogg: Header processing failed"
        String line = CONTEXT_PREFIX.matcher(message.getString().strip()).replaceFirst("$1: ");
        if (level <= AV_LOG_ERROR) {
          LAST_ERROR.set(line);
        }
        LOG.debug("ffmpeg: {}", line); // the decode error that follows reports it
      } catch (RuntimeException e) {
        // an exception must not unwind into FFmpeg's C stack
      }
    }
  }
}
