package dev.voicegen.audio.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files made by src/test/resources/audio-io/make_fixtures.sh, and helpers to build WAV bytes. */
final class AudioFixtures {
  private AudioFixtures() {}

  /** One line of manifest.tsv: the fixture and what ffprobe says it holds. */
  record Fixture(String name, int sampleRate, int channels, double tolerance) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Path path(String name) {
    URL url = AudioFixtures.class.getResource("/audio-io/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource audio-io/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Fixture> manifest() {
    List<Fixture> fixtures = new ArrayList<>();
    for (String line : new String(bytes("manifest.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      fixtures.add(new Fixture(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3])));
    }
    return fixtures;
  }

  /** ffmpeg's decode of a fixture: interleaved float32 samples. */
  static float[] reference(String name) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes(name + ".f32")).order(ByteOrder.LITTLE_ENDIAN);
    float[] samples = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(samples);
    return samples;
  }

  /** Builds RIFF WAVE bytes chunk by chunk, for headers no tool would write. */
  static final class WavBuilder {
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private int riffSizeAt = -1;

    static WavBuilder riff() {
      WavBuilder b = new WavBuilder();
      b.ascii("RIFF");
      b.riffSizeAt = b.buffer.position();
      b.u32(0);
      b.ascii("WAVE");
      return b;
    }

    WavBuilder fmt(int tag, int channels, int rate, int blockAlign, int bits) {
      ascii("fmt ").u32(16).u16(tag).u16(channels).u32(rate).u32((long) rate * blockAlign);
      return u16(blockAlign).u16(bits);
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt chunk whose subformat GUID is built from {@code subTag}. */
    WavBuilder fmtExtensible(int subTag, int channels, int rate, int bits) {
      int blockAlign = channels * bits / 8;
      ascii("fmt ").u32(40).u16(0xFFFE).u16(channels).u32(rate).u32((long) rate * blockAlign);
      u16(blockAlign).u16(bits).u16(22).u16(bits).u32(0).u16(subTag);
      return raw(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
    }

    /** A chunk whose size field is {@code declared} and whose body is {@code body} (pad added if odd). */
    WavBuilder chunk(String id, long declared, byte[] body) {
      ascii(id).u32(declared).raw(body);
      if (body.length % 2 == 1) {
        buffer.put((byte) 0);
      }
      return this;
    }

    WavBuilder chunk(String id, byte[] body) {
      return chunk(id, body.length, body);
    }

    WavBuilder ascii(String s) {
      buffer.put(s.getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    WavBuilder u16(int v) {
      buffer.putShort((short) v);
      return this;
    }

    WavBuilder u32(long v) {
      buffer.putInt((int) v);
      return this;
    }

    WavBuilder raw(byte[] bytes) {
      buffer.put(bytes);
      return this;
    }

    /** The bytes so far, with the RIFF size filled in. */
    byte[] build() {
      buffer.putInt(riffSizeAt, buffer.position() - 8);
      byte[] out = new byte[buffer.position()];
      buffer.duplicate().flip().get(out);
      return out;
    }
  }

  static byte[] le16(int... samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int s : samples) {
      b.putShort((short) s);
    }
    return b.array();
  }
}
