package dev.voicegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Parquet manifest resumes at any row, skipping whole row groups before it. */
class ParquetRowsTest {
  @TempDir Path dir;

  private static ManifestParser.RowReader open(Path file, long rowsRead) throws IOException {
    return ManifestParser.open(
        file.toString(), () -> FileChannel.open(file), new ReadPosition(0, rowsRead));
  }

  private static List<RawRow> rest(ManifestParser.RowReader reader) throws IOException {
    List<RawRow> rows = new ArrayList<>();
    RawRow row;
    while ((row = reader.next()) != null) {
      rows.add(row);
    }
    return rows;
  }

  /** The rows before each row group, and the file's row count last; there are several groups. */
  private static long[] groupStarts(Path file) throws IOException {
    List<Long> groups = ParquetManifests.groupRows(file);
    long[] starts = new long[groups.size() + 1];
    for (int g = 0; g < groups.size(); g++) {
      starts[g + 1] = starts[g] + groups.get(g);
    }
    assertTrue(starts.length > 4, "several row groups: " + Arrays.toString(starts));
    return starts;
  }

  private static List<RawRow> allRows(Path file) throws IOException {
    try (ManifestParser.RowReader reader = open(file, 0)) {
      return rest(reader);
    }
  }

  @Test
  void rowsAreNumberedFromOneAndNullsAreAbsent() throws IOException {
    Path file = ParquetManifests.write(dir.resolve("m.parquet"), 5, 64 * 1024);
    List<RawRow> rows;
    try (ManifestParser.RowReader reader = open(file, 0)) {
      rows = rest(reader);
      assertEquals(new ReadPosition(0, 5), reader.position());
    }
    assertEquals(5, rows.size());
    assertEquals(file + ":1", rows.get(0).source());
    assertEquals("r0", rows.get(0).fields().get("id"));
    assertNull(rows.get(0).fields().get("language"), "a null column is absent");
    assertEquals("en", rows.get(1).fields().get("language"));
    assertEquals(file + ":5", rows.get(4).source());
  }

  @Test
  void resumesAtEveryRowOfEveryGroup() throws IOException {
    Path file = ParquetManifests.write(dir.resolve("m.parquet"), 400, 4 * 1024);
    long[] starts = groupStarts(file);
    List<RawRow> all = allRows(file);
    assertEquals(400, all.size());
    int group = 0;
    for (int row = 0; row <= all.size(); row++) {
      while (group + 1 < starts.length - 1 && starts[group + 1] <= row) {
        group++;
      }
      try (ManifestParser.RowReader reader = open(file, row)) {
        // the groups before are skipped by their footer entries, not decoded
        long reread = row == all.size() ? 0 : row - starts[group];
        assertEquals(reread, reader.rowsReread(), "rows decoded to reach row " + row);
        assertEquals(all.subList(row, all.size()), rest(reader), "resumed after " + row + " rows");
        assertEquals(new ReadPosition(0, all.size()), reader.position());
      }
    }
  }

  @Test
  void resumesInsideAndBetweenLargeGroups() throws IOException {
    Path file = ParquetManifests.write(dir.resolve("m.parquet"), 6000, 64 * 1024);
    long[] starts = groupStarts(file);
    List<RawRow> all = allRows(file);
    long inFirst = starts[1] / 2;
    long inLater = starts[2] + 37;
    long lastGroup = starts[starts.length - 2];
    for (long row : new long[] {0, 1, inFirst, starts[1], inLater, lastGroup, 5999, 6000}) {
      try (ManifestParser.RowReader reader = open(file, row)) {
        List<RawRow> rest = rest(reader);
        assertEquals(all.subList((int) row, all.size()), rest, "resumed after " + row + " rows");
        if (row < 6000) {
          assertEquals(file + ":" + (row + 1), rest.get(0).source());
        }
      }
    }
    IOException e = assertThrows(IOException.class, () -> open(file, 6001));
    assertTrue(e.getMessage().contains("the file has 6000"), e.getMessage());
  }

  @Test
  void batchesGrowInsideAGroupAndEndAtTheLastGroupEndTheyReach() throws IOException {
    Path file = ParquetManifests.write(dir.resolve("m.parquet"), 6000, 64 * 1024);
    long[] starts = groupStarts(file);
    long group = starts[2] - starts[1];
    try (ManifestParser.RowReader reader = open(file, starts[1])) {
      assertEquals(10, reader.batchRows(10), "a group's first rows come in the usual batches");
      assertEquals(
          starts[4] - starts[1], reader.batchRows(group * 3 + 5), "big batches end at a group end");
    }
    try (ManifestParser.RowReader reader = open(file, starts[1] + 400)) {
      assertEquals(200, reader.batchRows(10), "half the rows already read in the group");
      assertEquals(400, reader.batchRows(400));
    }
    try (ManifestParser.RowReader reader = open(file, starts[2] - 30)) {
      assertEquals(30, reader.batchRows(10), "the batch stops at the group's end");
    }
    try (ManifestParser.RowReader reader = open(file, 6000)) {
      assertEquals(10, reader.batchRows(10));
      assertNull(reader.next());
    }
  }

  @Test
  void filesThatAreNotParquetAreClearErrors() throws IOException {
    byte[] good =
        Files.readAllBytes(ParquetManifests.write(dir.resolve("g.parquet"), 3000, 64 * 1024));
    List<Path> bad =
        List.of(
            Files.writeString(dir.resolve("csv.parquet"), "id,text\na,b\n"),
            Files.write(dir.resolve("empty.parquet"), new byte[0]),
            Files.write(dir.resolve("head.parquet"), Arrays.copyOf(good, good.length / 2)),
            Files.write(
                dir.resolve("tail.parquet"),
                Arrays.copyOfRange(good, good.length / 2, good.length)));
    for (Path file : bad) {
      IOException e = assertThrows(IOException.class, () -> rest(open(file, 0)), file.toString());
      assertTrue(
          e.getMessage().startsWith(file + ": not a readable Parquet manifest: "), e.getMessage());
    }
  }
}
