package dev.voicegen.beam;

import dev.voicegen.audio.AnalysisColumns;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.manifest.ManifestEntry;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds metadata rows (schemas/metadata_row.avsc) from generated speech. */
final class MetadataRecords {
  private MetadataRecords() {}

  static GenericRecord build(
      GeneratedSpeech speech, String audioPath, String format, double writeMs) {
    ManifestEntry e = speech.entry();
    VoiceSample v = speech.voice();
    SeedAnalysis a = v.analysis();
    GenericRecord r = new GenericData.Record(Schemas.metadataRow());
    r.put("id", e.id());
    r.put("text", e.text());
    r.put("language", e.language());
    r.put("speaker_id", e.speakerId());
    r.put("speaker_wav", e.speakerWav());
    r.put("source", e.source());

    r.put("audio_filepath", audioPath);
    r.put("output_duration_s", speech.audio().durationSeconds());
    r.put("output_sample_rate", speech.audio().sampleRate());
    r.put("output_format", format);

    r.put("reference_sha256", v.sha256());
    r.put("file_size_mb", a.fileSizeMb());
    VoiceSample.Measured m = v.measured();
    AnalysisColumns.of(a, m == null ? null : m.analysis(), m == null ? null : m.quality())
        .forEach(r::put);

    VoiceChanges o = v.optimized();
    r.put("optimize_gain_db", o.gainDb());
    r.put("optimize_trimmed_ms", o.trimmedMs());
    r.put("optimize_cut_ms", o.cutMs());
    r.put("optimize_resampled", o.resampled());
    VoiceChanges p = v.preprocessed();
    r.put("preprocess_mode", p.mode());
    r.put("preprocess_gain_db", p.gainDb());
    r.put("preprocess_trimmed_ms", p.trimmedMs());
    r.put("preprocess_cut_ms", p.cutMs());
    r.put("preprocess_resampled", p.resampled());
    r.put("reference_duration_after_s", p.durationAfterS());
    java.util.List<String> warnings = new java.util.ArrayList<>(o.warnings());
    for (String w : p.warnings()) {
      if (!warnings.contains(w)) {
        warnings.add(w);
      }
    }
    r.put("warnings", warnings);

    r.put("engine", speech.engine());
    r.put("engine_version", speech.engineVersion());
    r.put("model_version", speech.modelVersion());
    r.put("sampling_seed", speech.seed());
    r.put("speaker_similarity", speech.speakerSimilarity());
    speech.engineSettings().forEach(r::put);

    VoiceTimings t = v.timings();
    r.put("decode_ms", t.decodeMs());
    r.put("analyze_ms", t.analyzeMs());
    r.put("optimize_ms", t.optimizeMs());
    r.put("preprocess_ms", t.preprocessMs());
    r.put("synthesize_ms", speech.synthesizeMs());
    r.put("write_ms", writeMs);
    return r;
  }
}
