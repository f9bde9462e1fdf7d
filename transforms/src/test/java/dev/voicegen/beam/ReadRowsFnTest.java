package dev.voicegen.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.manifest.RawRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The splittable read checkpoints after every batch and still yields every row exactly once. */
class ReadRowsFnTest {
  @TempDir Path dir;

  /** Reads {@code manifest} in batches of {@code batchRows}; expects {@code file:line|raw} rows. */
  private static void assertReads(Path manifest, int batchRows, List<String> expected) {
    Pipeline p = Pipeline.create();
    PCollection<String> rows =
        p.apply(FileIO.match().filepattern(manifest.toString()))
            .apply(FileIO.readMatches())
            .apply(ParDo.of(new ReadRowsFn(batchRows)))
            .setCoder(ListCoder.of(SerializableCoder.of(RawRow.class)))
            .apply(Flatten.iterables())
            .apply(MapElements.into(TypeDescriptors.strings()).via((RawRow r) -> r.source() + "|" + r.raw()));
    List<String> want = new ArrayList<>(expected);
    want.sort(null);
    PAssert.that(rows)
        .satisfies(
            got -> {
              List<String> all = new ArrayList<>();
              got.forEach(all::add);
              all.sort(null);
              assertEquals(want, all, "every row exactly once");
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void csvRowsWithLineBreaksInQuotesSurviveCheckpoints() throws IOException {
    StringBuilder csv = new StringBuilder("id,text,speaker_wav\r\n");
    List<String> rows = new ArrayList<>();
    int line = 2;
    for (int i = 0; i < 23; i++) {
      String raw = i % 4 == 1 ? "r" + i + ",\"two\nlines \u00e9\",v.wav" : "r" + i + ",text " + i + ",v.wav";
      csv.append(raw).append(i % 2 == 0 ? "\r\n" : "\n");
      rows.add(dir.resolve("m.csv") + ":" + line + "|" + raw);
      line += raw.contains("\n") ? 2 : 1;
    }
    Path manifest = dir.resolve("m.csv");
    Files.writeString(manifest, csv, StandardCharsets.UTF_8);
    assertReads(manifest, 3, rows);
  }

  @Test
  void jsonLinesSurviveCheckpoints() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String raw = "{\"id\":\"r" + i + "\",\"text\":\"\u4e2d " + i + "\"}";
      jsonl.append(raw).append('\n');
      if (i == 5) {
        jsonl.append('\n'); // a blank line keeps its number
      }
      rows.add(dir.resolve("m.jsonl") + ":" + (i + 1 + (i > 5 ? 1 : 0)) + "|" + raw);
    }
    Path manifest = dir.resolve("m.jsonl");
    Files.writeString(manifest, jsonl, StandardCharsets.UTF_8);
    assertReads(manifest, 2, rows);
  }
}
