package dev.voicegen.beam.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageFailure;
import dev.voicegen.beam.voice.FingerprintSamples.Fingerprint;
import dev.voicegen.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

/** Rows keyed by their sample's hash; a row whose sample failed or was never seen fails with a reason. */
class KeyRowsBySampleTest {
  private static ManifestEntry row(String id, String wav) {
    return new ManifestEntry(id, "text " + id, wav, "en", "spk", "m.csv:" + id);
  }

  /** Every expected element once, nothing else. */
  private static <T> Void same(Set<T> expected, Iterable<T> actual) {
    List<T> all = new ArrayList<>();
    actual.forEach(all::add);
    assertEquals(expected.size(), all.size(), "elements: " + all);
    assertEquals(expected, new HashSet<>(all));
    return null;
  }

  @Test
  void rowsFollowTheirSamplesHashOrFailWithTheSamplesProblem() {
    ManifestEntry r1 = row("r1", "a.wav");
    ManifestEntry r2 = row("r2", "b.wav");
    ManifestEntry r3 = row("r3", "a.wav");
    ManifestEntry r4 = row("r4", "broken.wav");
    ManifestEntry r5 = row("r5", "unseen.wav");
    StageFailure broken = new StageFailure(Stage.DECODE, "empty_file", "broken.wav is empty (0 bytes)");

    Pipeline p = Pipeline.create();
    PCollection<KV<String, Fingerprint>> prints =
        p.apply(
            "Prints",
            Create.of(
                    List.of(
                        KV.of("a.wav", new Fingerprint("h1", 10, null)),
                        KV.of("b.wav", new Fingerprint("h1", 10, null)),
                        KV.of("broken.wav", new Fingerprint(null, 0, broken))))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Fingerprint.class))));
    PCollectionTuple out =
        p.apply("Rows", Create.of(List.of(r1, r2, r3, r4, r5)).withCoder(SerializableCoder.of(ManifestEntry.class)))
            .apply(KeyRowsBySample.using(prints));
    Set<KV<String, ManifestEntry>> keyed = Set.of(KV.of("h1", r1), KV.of("h1", r2), KV.of("h1", r3));
    PAssert.that(out.get(KeyRowsBySample.ROWS)).satisfies(rows -> same(keyed, rows));
    Set<FailedRow> failed =
        Set.of(
            FailedRow.of(r4, Stage.DECODE, "empty_file", "broken.wav is empty (0 bytes)"),
            FailedRow.of(r5, Stage.MANIFEST, "manifest_changed", "the manifest changed while the job read it"));
    PAssert.that(out.get(KeyRowsBySample.FAILURES)).satisfies(rows -> same(failed, rows));
    p.run().waitUntilFinish();
  }
}
