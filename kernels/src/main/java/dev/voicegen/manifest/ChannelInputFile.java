package dev.voicegen.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet's InputFile over any seekable channel, so manifests are read from any file system. */
public final class ChannelInputFile implements InputFile {
  private final String name;
  private final ManifestParser.ChannelOpener opener;

  public ChannelInputFile(String name, ManifestParser.ChannelOpener opener) {
    this.name = name;
    this.opener = opener;
  }

  @Override
  public long getLength() throws IOException {
    try (SeekableByteChannel channel = opener.open()) {
      return channel.size();
    }
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    SeekableByteChannel channel = opener.open();
    return new DelegatingSeekableInputStream(java.nio.channels.Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buf) throws IOException {
        return channel.read(buf);
      }

      @Override
      public void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
          if (channel.read(buf) < 0) {
            throw new java.io.EOFException(name + ": unexpected end of file");
          }
        }
      }
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
