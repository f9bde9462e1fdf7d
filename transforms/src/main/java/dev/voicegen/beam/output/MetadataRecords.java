package dev.voicegen.beam.output;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.broadcast.OutputFinisher;
import dev.voicegen.audio.measure.AnalysisColumns;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.synthesis.GeneratedSpeech;
import dev.voicegen.beam.voice.VoiceChanges;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.beam.common.VoiceTimings;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.quality.ReferenceQuality;
import dev.voicegen.synth.AttemptScores;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds metadata rows (schemas/metadata_row.avsc) from generated speech. */
final class MetadataRecords {
  private MetadataRecords() {}

  static GenericRecord build(
      GeneratedSpeech speech,
      OutputFinisher.Finished finished,
      float[][] mfcc,
      String audioPath,
      String format,
      double postprocessMs,
      double writeMs) {
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
    r.put("output_duration_s", finished.audio().durationSeconds());
    r.put("output_sample_rate", finished.audio().sampleRate());
    r.put("output_format", format);
    r.put("output_lufs", finished.lufs());
    r.put("output_true_peak_dbtp", finished.truePeakDbtp());
    r.put("output_gain_db", finished.gainDb());
    r.put("output_trimmed_ms", finished.trimmedMs());
    r.put("mfcc", mfcc == null ? null : mfccColumn(mfcc));

    r.put("reference_sha256", v.sha256());
    r.put("file_size_mb", a.fileSizeMb());
    VoiceSample.Measured m = v.measured();
    AnalysisColumns.of(a, m == null ? null : m.analysis(), m == null ? null : m.quality())
        .forEach(r::put);
    ReferenceQuality q = v.reference();
    if (q != null) {
      r.put("ref_dnsmos_sig", q.dnsmosSig());
      r.put("ref_dnsmos_bak", q.dnsmosBak());
      r.put("ref_dnsmos_ovrl", q.dnsmosOvrl());
      r.put("ref_dnsmos_p808", q.dnsmosP808());
      r.put("ref_speech_s", q.speechS());
      r.put("ref_vad", q.vad());
    }

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
    r.put("preprocess_steps", p.steps());
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
    r.put("model_license", speech.modelLicense());
    r.put("voice_cloned", speech.voiceCloned());
    r.put("sampling_seed", speech.seed());
    r.put("speaker_similarity", speech.speakerSimilarity());
    if (speech.asr() != null) {
      r.put("asr_transcript", speech.asr().transcript());
      r.put("asr_language", speech.asr().language());
      r.put("cer", speech.asr().cer());
      r.put("wer", speech.asr().wer());
    }
    speech.engineSettings().forEach(r::put);
    putScores(r, speech);

    VoiceTimings t = v.timings();
    r.put("decode_ms", t.decodeMs());
    r.put("analyze_ms", t.analyzeMs());
    r.put("optimize_ms", t.optimizeMs());
    r.put("preprocess_ms", t.preprocessMs());
    r.put("synthesize_ms", speech.synthesizeMs());
    r.put("postprocess_ms", postprocessMs);
    r.put("write_ms", writeMs);
    return r;
  }

  /**
   * The row of a {@code --dryRun} job: manifest fields, reference analysis, changes and timings as
   * in a real run; no audio, so {@code audio_filepath} and {@code output_format} are empty, the
   * output numbers 0 or null, and {@code dry_run} is true.
   */
  static GenericRecord dryRun(GeneratedSpeech speech) {
    AudioClip none = AudioClip.mono(1, new float[0]);
    GenericRecord r =
        build(speech, new OutputFinisher.Finished(none, 0, 0.0, null, null), null, "", "", 0.0, 0.0);
    r.put("output_sample_rate", 0);
    r.put("dry_run", true);
    return r;
  }

  /** The output's DNSMOS and every attempt's scores; absent (null) before scoring, as in a dry run. */
  private static void putScores(GenericRecord r, GeneratedSpeech speech) {
    AttemptScores kept = speech.scores();
    if (kept == null) {
      return;
    }
    r.put("dnsmos_sig", kept.dnsmosSig());
    r.put("dnsmos_bak", kept.dnsmosBak());
    r.put("dnsmos_ovrl", kept.dnsmosOvrl());
    r.put("dnsmos_p808", kept.dnsmosP808());
    List<AttemptScores> all = speech.allAttempts();
    r.put("attempts", all.size());
    Schema item = Schemas.metadataRow().getField("attempt_scores").schema().getTypes().get(1).getElementType();
    List<GenericRecord> rows = new java.util.ArrayList<>(all.size());
    for (AttemptScores a : all) {
      GenericRecord x = new GenericData.Record(item);
      x.put("attempt", a.attempt());
      x.put("seed", a.seed());
      x.put("dnsmos_sig", a.dnsmosSig());
      x.put("dnsmos_bak", a.dnsmosBak());
      x.put("dnsmos_ovrl", a.dnsmosOvrl());
      x.put("dnsmos_p808", a.dnsmosP808());
      x.put("speaker_similarity", a.speakerSimilarity());
      x.put("cer", a.cer());
      x.put("missed_gates", a.missedGates());
      rows.add(x);
    }
    r.put("attempt_scores", rows);
  }

  /** MFCC as coefficient rows of frame values, as the Avro column expects. */
  private static List<List<Float>> mfccColumn(float[][] mfcc) {
    List<List<Float>> rows = new java.util.ArrayList<>(mfcc.length);
    for (float[] coefficient : mfcc) {
      List<Float> row = new java.util.ArrayList<>(coefficient.length);
      for (float v : coefficient) {
        row.add(v);
      }
      rows.add(row);
    }
    return rows;
  }
}
