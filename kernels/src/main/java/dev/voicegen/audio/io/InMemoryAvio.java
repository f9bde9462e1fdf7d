package dev.voicegen.audio.io;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg AVIOContext that reads a Java byte array through read and seek callbacks: no temp file.
 *
 * <p>The two callbacks are single JVM-wide instances (JavaCPP caps how many callback objects of a
 * type may exist at once); each open input is found again through the address of its {@code
 * opaque} pointer, so any number of threads can decode at the same time.
 */
final class InMemoryAvio implements AutoCloseable {
  private static final int BUFFER_SIZE = 1 << 16;
  /** AVERROR(EIO) and AVERROR(EINVAL): FFmpeg's negated POSIX error numbers. */
  private static final int AVERROR_EIO = -5;
  private static final int AVERROR_EINVAL = -22;

  private static final ConcurrentHashMap<Long, Cursor> OPEN = new ConcurrentHashMap<>();
  private static final ReadCallback READ = new ReadCallback();
  private static final SeekCallback SEEK = new SeekCallback();

  /** Where one input's reads have got to; only the decoding thread touches it. */
  private static final class Cursor {
    final byte[] data;
    long position;

    Cursor(byte[] data) {
      this.data = data;
    }
  }

  private final BytePointer opaque;
  private AVIOContext context;

  private InMemoryAvio(BytePointer opaque, AVIOContext context) {
    this.opaque = opaque;
    this.context = context;
  }

  /** An AVIOContext over {@code data}; the caller must {@link #close()} it, after the demuxer. */
  static InMemoryAvio open(String source, byte[] data) throws AudioDecodeException {
    BytePointer opaque = new BytePointer(1); // its unique address is this input's key
    OPEN.put(opaque.address(), new Cursor(data));
    BytePointer buffer = null;
    try {
      Pointer raw = av_malloc(BUFFER_SIZE);
      if (raw == null || raw.isNull()) {
        throw new AudioDecodeException(source, "FFmpeg could not allocate an I/O buffer");
      }
      buffer = new BytePointer(raw);
      AVIOContext context = avio_alloc_context(buffer, BUFFER_SIZE, 0, opaque, READ, null, SEEK);
      if (context == null || context.isNull()) {
        throw new AudioDecodeException(source, "FFmpeg could not allocate an I/O context");
      }
      return new InMemoryAvio(opaque, context);
    } catch (AudioDecodeException | RuntimeException e) {
      if (buffer != null) {
        av_free(buffer);
      }
      OPEN.remove(opaque.address());
      opaque.close();
      throw e;
    }
  }

  /** How many inputs are open now, across all threads: zero whenever no decode is running. */
  static int openCount() {
    return OPEN.size();
  }

  AVIOContext context() {
    return context;
  }

  @Override
  public void close() {
    if (context != null) {
      av_free(context.buffer()); // FFmpeg may have replaced the buffer we gave it: free its current one
      avio_context_free(context);
      context = null;
    }
    OPEN.remove(opaque.address());
    opaque.close();
  }

  /** int read_packet(void *opaque, uint8_t *buf, int buf_size) */
  private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buf, int size) {
      try {
        Cursor cursor = OPEN.get(opaque.address());
        if (cursor == null || size < 0) {
          return AVERROR_EIO;
        }
        long left = cursor.data.length - cursor.position;
        if (left <= 0) {
          return AVERROR_EOF;
        }
        int n = (int) Math.min(size, left);
        buf.position(0).put(cursor.data, (int) cursor.position, n);
        cursor.position += n;
        return n;
      } catch (RuntimeException e) {
        return AVERROR_EIO; // an exception must not unwind into FFmpeg's C stack
      }
    }
  }

  /** int64_t seek(void *opaque, int64_t offset, int whence), whence as lseek plus AVSEEK_SIZE */
  private static final class SeekCallback extends Seek_Pointer_long_int {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      try {
        Cursor cursor = OPEN.get(opaque.address());
        if (cursor == null) {
          return AVERROR_EIO;
        }
        long length = cursor.data.length;
        if ((whence & AVSEEK_SIZE) != 0) {
          return length;
        }
        long base;
        switch (whence & ~AVSEEK_FORCE) {
          case 0 -> base = 0; // SEEK_SET
          case 1 -> base = cursor.position; // SEEK_CUR
          case 2 -> base = length; // SEEK_END
          default -> {
            return AVERROR_EINVAL;
          }
        }
        long target = base + offset;
        if (target < 0 || target > length) {
          return AVERROR_EINVAL;
        }
        cursor.position = target;
        return target;
      } catch (RuntimeException e) {
        return AVERROR_EIO;
      }
    }
  }
}
