package dev.voicegen.beam.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.generic.GenericRecord;

/** One line of the NeMo-style output manifest from a metadata row. */
final class NemoManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NemoManifest() {}

  static String line(GenericRecord r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("audio_filepath", String.valueOf(r.get("audio_filepath")));
    node.put("text", String.valueOf(r.get("text")));
    node.put("duration", (Double) r.get("output_duration_s"));
    node.put("language", String.valueOf(r.get("language")));
    node.put("speaker_id", String.valueOf(r.get("speaker_id")));
    node.put("id", String.valueOf(r.get("id")));
    return node.toString();
  }
}
