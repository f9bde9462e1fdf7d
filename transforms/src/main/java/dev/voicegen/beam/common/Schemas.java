package dev.voicegen.beam.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The Avro schemas of schemas/, loaded from the classpath once. */
public final class Schemas {
  private static final Schema MANIFEST_ROW = load("manifest_row.avsc");
  private static final Schema METADATA_ROW = load("metadata_row.avsc");
  private static final Schema ERROR_ROW = load("error_row.avsc");
  private static final Schema TRANSCRIPT_ROW = load("transcript_row.avsc");

  private Schemas() {}

  public static Schema manifestRow() {
    return MANIFEST_ROW;
  }

  public static Schema metadataRow() {
    return METADATA_ROW;
  }

  public static Schema errorRow() {
    return ERROR_ROW;
  }

  /** The transcribe job's output row. */
  public static Schema transcriptRow() {
    return TRANSCRIPT_ROW;
  }

  private static Schema load(String name) {
    String resource = "voicegen/schemas/" + name;
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading schema " + resource, e);
    }
  }
}
