package dev.voicegen.beam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written per bundle are moved into place once; nothing is grouped, nothing is lost. */
class PartFilesTest {
  @TempDir Path dir;

  private static List<String> lines(Path root) throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        all.addAll(Files.readAllLines(f));
      }
    }
    all.sort(null);
    return all;
  }

  private static List<String> numbers(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  @Test
  void partsLandInTheirDestinationFoldersWithNumberedNames() throws IOException {
    List<String> values = new ArrayList<>(numbers("a", 30));
    values.addAll(numbers("b", 7));
    Pipeline p = Pipeline.create();
    p.apply(Create.of(values).withCoder(StringUtf8Coder.of()))
        .apply(
            PartFiles.into(
                dir.resolve("out").toString(),
                (String v) -> "kind=" + v.charAt(0),
                TextIO.sink(),
                ".txt",
                dir.resolve("tmp").toString()));
    p.run().waitUntilFinish();
    values.sort(null);
    assertEquals(values, lines(dir.resolve("out")));
    for (String kind : List.of("kind=a", "kind=b")) {
      try (Stream<Path> files = Files.list(dir.resolve("out").resolve(kind))) {
        List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
        assertFalse(names.isEmpty());
        for (int i = 0; i < names.size(); i++) {
          assertEquals(String.format("part-%05d-of-%05d.txt", i, names.size()), names.get(i));
        }
      }
    }
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, left.count(), "every part was moved");
    }
  }

  @Test
  void concatenationMakesOneFileAndAnEmptyInputStillOne() throws IOException {
    Pipeline p = Pipeline.create();
    p.apply(Create.of(numbers("line ", 25)).withCoder(StringUtf8Coder.of()))
        .apply(
            PartFiles.concatenatedInto(
                dir.resolve("all.jsonl").toString(), TextIO.sink(), dir.resolve("tmp1").toString()));
    PCollection<String> none = p.apply("None", Create.empty(StringUtf8Coder.of()));
    none.apply(
        "Empty",
        PartFiles.concatenatedInto(
            dir.resolve("empty.jsonl").toString(), TextIO.sink(), dir.resolve("tmp2").toString()));
    none.apply(
        "EmptyTable",
        PartFiles.into(
            dir.resolve("errors").toString(), null, TextIO.sink(), ".txt", dir.resolve("tmp3").toString()));
    p.run().waitUntilFinish();
    List<String> all = Files.readAllLines(dir.resolve("all.jsonl"));
    all.sort(null);
    List<String> want = numbers("line ", 25);
    want.sort(null);
    assertEquals(want, all);
    assertTrue(Files.exists(dir.resolve("empty.jsonl")));
    assertEquals(0, Files.size(dir.resolve("empty.jsonl")));
    assertTrue(
        Files.exists(dir.resolve("errors/part-00000-of-00001.txt")), "an empty table is one empty part");
  }
}
