package dev.voicegen.beam.transcribe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The transcript row schema of schemas/transcript_row.avsc, loaded from the classpath once. */
public final class TranscriptSchemas {
  private static final Schema TRANSCRIPT_ROW = load("transcript_row.avsc");

  private TranscriptSchemas() {}

  public static Schema transcriptRow() {
    return TRANSCRIPT_ROW;
  }

  private static Schema load(String name) {
    String resource = "voicegen/schemas/" + name;
    try (InputStream in = TranscriptSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading schema " + resource, e);
    }
  }
}
