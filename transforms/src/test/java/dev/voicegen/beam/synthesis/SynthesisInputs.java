package dev.voicegen.beam.synthesis;

import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** The two inputs of the synthesis steps (SynthesizeSpeech, DescribeRows) in tests. */
final class SynthesisInputs {
  private SynthesisInputs() {}

  /** Rows keyed by sample hash, and the samples they name. */
  static PCollectionTuple of(
      Pipeline p, List<KV<String, ManifestEntry>> rows, PCollection<KV<String, VoiceSample>> voices) {
    return PCollectionTuple.of(
            SynthesizeSpeech.ROWS,
            p.apply(
                "Rows",
                Create.of(rows)
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestEntry.class)))))
        .and(SynthesizeSpeech.VOICES, voices);
  }
}
