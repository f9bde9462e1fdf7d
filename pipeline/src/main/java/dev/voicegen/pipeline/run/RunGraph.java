package dev.voicegen.pipeline.run;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.manifest.ReadManifest;
import dev.voicegen.beam.manifest.ScanManifest;
import dev.voicegen.beam.output.WriteDataset;
import dev.voicegen.beam.synthesis.Acceptance;
import dev.voicegen.beam.synthesis.DescribeRows;
import dev.voicegen.beam.synthesis.GeneratedSpeech;
import dev.voicegen.beam.synthesis.SynthesizeSpeech;
import dev.voicegen.beam.voice.AnalyzeVoice;
import dev.voicegen.beam.voice.FingerprintSamples;
import dev.voicegen.beam.voice.KeyRowsBySample;
import dev.voicegen.beam.voice.OptimizeVoice;
import dev.voicegen.beam.voice.PreprocessVoice;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.manifest.RowRules;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.synth.AcceptanceGates;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.whisper.SharedWhisperModels;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The voicegen job: ScanManifest, FingerprintSamples, AnalyzeVoice, OptimizeVoice, PreprocessVoice,
 * ReadManifest, KeyRowsBySample, SynthesizeSpeech (up to --attempts rounds of synthesis, check,
 * DNSMOS scoring and acceptance; or DescribeRows), WriteDataset. {@link
 * RunJob} prepares the output, builds the pipeline here, runs it and writes summary.json.
 */
public final class RunGraph {
  private RunGraph() {}

  /** What a job needs beyond its options, decided by the driver before the pipeline is built. */
  record Plan(
      RunOptions options,
      EngineSpec engine,
      OutputLayout layout,
      String previousMetadataGlob) {}

  /**
   * What checks, scores and judges every output: the Whisper round trip with --verifyAsr, DNSMOS
   * from --qualityModelDir, the gates and --attempts.
   *
   * @throws IllegalArgumentException for an option out of range, naming it
   */
  static Acceptance acceptance(RunOptions o) {
    SharedWhisperModels.Key asr =
        o.getVerifyAsr()
            ? new SharedWhisperModels.Key(o.getAsrModelDir(), o.getDevice(), o.getOnnxThreads(), o.getAsrQuantized())
            : null;
    return new Acceptance(
        asr,
        qualityModels(o),
        new AcceptanceGates(o.getMaxCer(), o.getMinSpeakerSimilarity(), o.getMinDnsmos()),
        o.getAttempts());
  }

  /**
   * The quality models every worker of this job shares (reference gates, output scores): the folder
   * by absolute path, as workers (Flink TaskManagers) run elsewhere, the device, the threads.
   */
  static SharedQualityModels.Key qualityModels(RunOptions o) {
    return new SharedQualityModels.Key(
        java.nio.file.Path.of(o.getQualityModelDir()).toAbsolutePath().normalize().toString(),
        o.getDevice(),
        o.getOnnxThreads());
  }

  /** Adds the job's transforms to {@code pipeline}. */
  static void build(Pipeline pipeline, Plan plan) {
    RunOptions options = plan.options();
    // two passes over the manifest: the scan keeps ids and samples only; the rows are read again
    // once their samples are prepared, so that no row waits in memory for them
    // one set of row rules for both passes: a row the scan refuses prepares no sample
    RowRules rules = RowRules.withMaxTextChars(options.getMaxTextChars());
    ScanManifest scanManifest = ScanManifest.from(options.getManifest(), rules);
    if (plan.previousMetadataGlob() != null) {
      // --resume: the samples of rows the earlier run completed are not prepared again
      scanManifest = scanManifest.resuming(plan.layout(), plan.previousMetadataGlob());
    }
    PCollectionTuple scan = pipeline.apply("ScanManifest", scanManifest);
    PCollectionTuple samples =
        scan.get(ScanManifest.SAMPLE_PATHS).apply("FingerprintSamples", FingerprintSamples.create());
    PCollection<KV<String, VoiceSample>> voices =
        samples
            .get(FingerprintSamples.SAMPLES)
            .apply(
                "AnalyzeVoice",
                AnalyzeVoice.with(qualityModels(options), ReferenceGating.gates(options)))
            .apply("OptimizeVoice", OptimizeVoice.create())
            .apply(
                "PreprocessVoice",
                PreprocessVoice.withMode(options.getPreprocess(), qualityModels(options)));
    PCollection<KV<String, FingerprintSamples.Fingerprint>> prints =
        samples.get(FingerprintSamples.PRINTS);
    PCollectionTuple manifest = scan.apply("ReadManifest", ReadManifest.after(rules, prints, voices));
    PCollection<ManifestEntry> entries = manifest.get(ReadManifest.ENTRIES);

    PCollection<GenericRecord> kept;
    if (plan.previousMetadataGlob() != null) {
      // the scan compared the rows with the earlier run's and kept the completed ones, which
      // ReadManifest has left out of the entries
      kept = scan.get(ScanManifest.KEPT);
    } else {
      kept =
          pipeline.apply(
              "NoPreviousRun", Create.empty(AvroCoder.of(Schemas.metadataRow())));
    }
    PCollectionTuple rows = entries.apply("KeyRowsBySample", KeyRowsBySample.using(prints));

    PCollectionTuple toSpeak =
        PCollectionTuple.of(SynthesizeSpeech.ROWS, rows.get(KeyRowsBySample.ROWS))
            .and(SynthesizeSpeech.VOICES, voices);
    PCollectionTuple speech =
        options.getDryRun()
            ? toSpeak.apply("DescribeRows", DescribeRows.create())
            : toSpeak.apply(
                "SynthesizeSpeech",
                SynthesizeSpeech.with(
                    plan.engine(),
                    options.getBatchSize(),
                    options.getBatchTokens(),
                    options.getCacheVoiceState()
                        ? plan.layout().resolve(OutputLayout.VOICE_STATE_CACHE)
                        : null,
                    acceptance(options)));

    PCollection<GeneratedSpeech> generated = speech.get(SynthesizeSpeech.SPEECH);
    PCollectionList<FailedRow> failureParts =
        PCollectionList.of(manifest.get(ReadManifest.FAILURES))
            .and(rows.get(KeyRowsBySample.FAILURES))
            .and(speech.get(SynthesizeSpeech.FAILURES));
    PCollection<FailedRow> failures =
        failureParts
            .apply("CollectFailures", Flatten.pCollections())
            .setCoder(SerializableCoder.of(FailedRow.class));

    PCollectionTuple.of(WriteDataset.SPEECH, generated)
        .and(WriteDataset.FAILURES, failures)
        .and(WriteDataset.KEPT, kept)
        .and(WriteDataset.VOICES, voices)
        .and(WriteDataset.ROWS_READ, scan.get(ScanManifest.ROWS_READ))
        .apply(
            "WriteDataset",
            WriteDataset.to(
                plan.layout(),
                options.getAudioFormat(),
                new WriteDataset.Finishing(
                    options.getOutputLufs() == null
                        ? WriteDataset.Finishing.defaults().outputLufs()
                        : options.getOutputLufs(),
                    options.getMfcc())));
  }
}
