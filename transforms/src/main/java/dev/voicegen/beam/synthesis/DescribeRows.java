package dev.voicegen.beam.synthesis;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code --dryRun} in place of {@link SynthesizeSpeech}: joins every row to its analysed reference
 * sample and passes it on without audio, so WriteDataset writes the full metadata row (analysis,
 * changes, timings) with an empty {@code audio_filepath} and {@code dry_run = true}, and no audio
 * file. Same inputs and output tags as SynthesizeSpeech. Rows stream past a side input of the
 * (few) distinct samples: nothing is grouped by row.
 */
public final class DescribeRows extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** The {@code engine} column of dry-run rows. */
  public static final String ENGINE = "none (--dryRun: no synthesis)";

  private DescribeRows() {}

  public static DescribeRows create() {
    return new DescribeRows();
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<KV<String, ManifestEntry>> rows = input.get(SynthesizeSpeech.ROWS);
    PCollectionView<Map<String, VoiceSample>> voices =
        input
            .get(SynthesizeSpeech.VOICES)
            .apply(
                "DropReferenceAudio",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), new org.apache.beam.sdk.values.TypeDescriptor<VoiceSample>() {}))
                    .via((KV<String, VoiceSample> kv) -> KV.of(kv.getKey(), kv.getValue().withoutAudio())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(VoiceSample.class)))
            .apply("VoicesByHash", View.asMap());
    PCollectionTuple described =
        rows.apply(
            "Describe",
            ParDo.of(new DescribeFn(voices))
                .withSideInputs(voices)
                .withOutputTags(SynthesizeSpeech.SPEECH, TupleTagList.of(SynthesizeSpeech.FAILURES)));
    return PCollectionTuple.of(
            SynthesizeSpeech.SPEECH,
            described.get(SynthesizeSpeech.SPEECH).setCoder(SerializableCoder.of(GeneratedSpeech.class)))
        .and(
            SynthesizeSpeech.FAILURES,
            described.get(SynthesizeSpeech.FAILURES).setCoder(SerializableCoder.of(FailedRow.class)));
  }

  /** A row of a usable sample becomes speech without audio; a row of a failed sample fails. */
  static final class DescribeFn extends DoFn<KV<String, ManifestEntry>, GeneratedSpeech> {
    private final PCollectionView<Map<String, VoiceSample>> voicesView;

    DescribeFn(PCollectionView<Map<String, VoiceSample>> voicesView) {
      this.voicesView = voicesView;
    }

    @ProcessElement
    public void process(
        @Element KV<String, ManifestEntry> row, ProcessContext c, MultiOutputReceiver out) {
      VoiceSample voice = c.sideInput(voicesView).get(row.getKey());
      ManifestEntry e = row.getValue();
      if (voice == null || voice.failed()) {
        StageFailure f =
            voice == null
                ? new StageFailure(Stage.DECODE, "missing_voice", "no prepared sample")
                : voice.failure();
        out.get(SynthesizeSpeech.FAILURES)
            .output(FailedRow.of(e, f.stage(), f.errorClass(), f.message()));
        return;
      }
      out.get(SynthesizeSpeech.SPEECH)
          .output(new GeneratedSpeech(
              e, voice, null, ENGINE, null, null, null, false, null, null, Map.of(), 0.0, null,
              java.util.List.of(), null));
    }
  }
}
