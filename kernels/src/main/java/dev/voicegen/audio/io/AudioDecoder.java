package dev.voicegen.audio.io;

import dev.voicegen.audio.AudioClip;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes an audio file into an {@link AudioClip}, choosing the format from the content rather
 * than the file name: RIFF WAVE (also RF64/BW64) and FLAC (also behind an ID3v2 tag) in pure Java,
 * everything else (MP3, Ogg Vorbis/Opus, M4A/AAC, ...) through {@link FfmpegDecoder}.
 *
 * <p>Any input that cannot be decoded ends in an {@link AudioDecodeException} whose message names
 * the source and the problem; no other exception escapes for bad data. Text (an HTML error page
 * saved under an audio name) is refused without asking FFmpeg. When the FFmpeg natives cannot load,
 * WAV and FLAC still decode and every other format fails with a message saying so.
 */
public final class AudioDecoder {
  /** The largest byte array Java can allocate. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
  /** How much of the start is inspected to call a file text. */
  private static final int TEXT_SNIFF_BYTES = 512;

  private AudioDecoder() {}

  /**
   * @param source the file name or URI, used only in error messages
   * @param data the whole file
   */
  public static AudioClip decode(String source, byte[] data) throws AudioDecodeException {
    AudioClip clip = decodeWavOrFlacIfPresent(source, data);
    if (clip != null) {
      return clip;
    }
    String guess = guessFormat(data);
    if (isText(data)) {
      throw new AudioDecodeException(source, "not an audio file" + startHint(data, guess) + ")");
    }
    try {
      // without the natives this fails at once with "cannot decode MP3: the FFmpeg native library ..."
      return FfmpegDecoder.standard().decode(source, data, guess.isEmpty() ? "a file that is not WAV or FLAC" : guess);
    } catch (FfmpegDecoder.UnrecognisedFormatException e) {
      throw new AudioDecodeException(source, "not an audio file" + startHint(data, guess)
          + (guess.isEmpty() ? "; " : ", but ") + "no WAV, FLAC or other format FFmpeg recognises)", e);
    }
  }

  /** WAV and FLAC only, in pure Java with no FFmpeg: the path the fuzz tests drive. */
  static AudioClip decodeWavOrFlac(String source, byte[] data) throws AudioDecodeException {
    AudioClip clip = decodeWavOrFlacIfPresent(source, data);
    if (clip == null) {
      throw new AudioDecodeException(source, "not a WAV or FLAC file" + startHint(data, guessFormat(data)) + ")");
    }
    return clip;
  }

  /** The clip when the content is WAV or FLAC; null when it is neither. */
  private static AudioClip decodeWavOrFlacIfPresent(String source, byte[] data) throws AudioDecodeException {
    if (data.length == 0) {
      throw new AudioDecodeException(source, "empty file (0 bytes)");
    }
    if (startsWith(data, 0, "RIFF") || startsWith(data, 0, "RF64")
        || startsWith(data, 0, "BW64") || startsWith(data, 0, "RIFX")) {
      return WavReader.decode(source, data);
    }
    if (startsWith(data, 0, "fLaC")) {
      return FlacReader.decode(source, data, 0);
    }
    int afterId3 = id3v2End(data);
    if (afterId3 > 0 && startsWith(data, afterId3, "fLaC")) {
      return FlacReader.decode(source, data, afterId3);
    }
    if (data.length < 4 && (isPrefixOf(data, "RIFF") || isPrefixOf(data, "fLaC"))) {
      throw new AudioDecodeException(source, "truncated: only " + data.length + " bytes");
    }
    return null;
  }

  /** " (starts with bytes 3c 68 74 6d; looks like HTML or XML text" for an error message. */
  private static String startHint(byte[] data, String guess) {
    StringBuilder hint = new StringBuilder(" (starts with bytes");
    for (int i = 0; i < Math.min(4, data.length); i++) {
      hint.append(String.format(" %02x", data[i] & 0xFF));
    }
    return guess.isEmpty() ? hint.toString() : hint + "; looks like " + guess;
  }

  /**
   * Reads and decodes a file; a missing or unreadable file is an {@link AudioDecodeException} too.
   * A WAV file is streamed into its clip rather than read into memory first.
   */
  public static AudioClip decode(Path file) throws AudioDecodeException {
    String source = file.toString();
    byte[] data;
    try {
      RegularFileCheck.require(file, source);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        if (isWav(channel)) {
          return WavReader.decode(source, channel);
        }
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new AudioDecodeException(source, "file too large to decode in memory: " + size + " bytes");
      }
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AudioDecodeException(source, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new AudioDecodeException(source, "permission denied", e);
    } catch (AudioDecodeException e) {
      throw e;
    } catch (IOException e) {
      throw new AudioDecodeException(source, "cannot read: " + e, e);
    }
    return decode(source, data);
  }

  /** Whether the file starts like a little-endian WAV (RIFF, RF64 or BW64) of at least 12 bytes. */
  private static boolean isWav(FileChannel channel) throws IOException {
    if (channel.size() < 12) {
      return false;
    }
    ByteBuffer magic = ByteBuffer.allocate(4);
    while (magic.hasRemaining() && channel.read(magic, magic.position()) >= 0) {
      // read until the four bytes are in
    }
    byte[] m = magic.array();
    return startsWith(m, 0, "RIFF") || startsWith(m, 0, "RF64") || startsWith(m, 0, "BW64");
  }

  /** The offset just past a leading ID3v2 tag, or 0 when there is none. */
  private static int id3v2End(byte[] d) {
    if (d.length < 10 || !startsWith(d, 0, "ID3")) {
      return 0;
    }
    int size = 0;
    for (int i = 6; i < 10; i++) {
      if ((d[i] & 0x80) != 0) {
        return 0; // sizes are "synchsafe": 7 bits a byte
      }
      size = (size << 7) | d[i];
    }
    boolean footer = (d[5] & 0x10) != 0;
    long end = 10L + size + (footer ? 10 : 0);
    return end < d.length ? (int) end : 0;
  }

  /** A hint for the error message when the content is a format we do not decode. */
  private static String guessFormat(byte[] d) {
    boolean sync = d.length > 1 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xE0) == 0xE0;
    if (sync && (d[1] & 0x16) == 0x10) {
      return "AAC (ADTS)"; // MPEG-4 or -2 with layer bits 00
    }
    if (startsWith(d, 0, "ID3") || sync) {
      return "MP3";
    }
    if (startsWith(d, 0, "OggS")) {
      return "Ogg (Vorbis/Opus)";
    }
    if (d.length >= 8 && startsWith(d, 4, "ftyp")) {
      return "MP4/M4A";
    }
    if (startsWith(d, 0, "FORM")) {
      return "AIFF";
    }
    if (startsWith(d, 0, "caff")) {
      return "Core Audio (CAF)";
    }
    if (d.length >= 4 && (d[0] & 0xFF) == 0x1A && (d[1] & 0xFF) == 0x45 && (d[2] & 0xFF) == 0xDF
        && (d[3] & 0xFF) == 0xA3) {
      return "Matroska/WebM";
    }
    if (startsWith(d, 0, "<")) {
      return "HTML or XML text";
    }
    if (startsWith(d, 0, "{")) {
      return "JSON text";
    }
    return isText(d) ? "text" : "";
  }

  /** Whether the start of the file is printable text: no binary audio format looks like that. */
  private static boolean isText(byte[] d) {
    int n = Math.min(TEXT_SNIFF_BYTES, d.length);
    for (int i = 0; i < n; i++) {
      int b = d[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
        return false;
      }
    }
    return true; // bytes >= 0x80 pass: UTF-8 text
  }

  /** Whether the whole of {@code d} is the start of {@code magic}: a file cut inside its marker. */
  private static boolean isPrefixOf(byte[] d, String magic) {
    if (d.length > magic.length()) {
      return false;
    }
    for (int i = 0; i < d.length; i++) {
      if (d[i] != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] d, int at, String ascii) {
    if (d.length - at < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (d[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
