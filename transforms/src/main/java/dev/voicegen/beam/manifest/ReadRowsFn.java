package dev.voicegen.beam.manifest;

import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.manifest.ManifestParser;
import dev.voicegen.manifest.RawRow;
import dev.voicegen.manifest.ReadPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Streams the rows of one manifest file in batches, as a splittable DoFn whose restriction is the
 * position of the next record: after each batch it asks the runner to checkpoint, so each batch
 * travels in a bundle of its own and the next one is read from the checkpoint (DirectRunner would
 * otherwise carry a whole file's rows as one bundle). Only these checkpoints split: a record
 * boundary inside a CSV file is known only by reading up to it (quoted fields may hold line
 * breaks). A Parquet file resumes at a row count, and its batches grow within a row group (see
 * {@link ManifestParser.RowReader#batchRows}), since resuming there decodes the group's earlier
 * rows again; those rows are counted in {@code manifest.rows_reread}.
 */
@DoFn.BoundedPerElement
final class ReadRowsFn extends DoFn<FileIO.ReadableFile, List<RawRow>> {
  private final Counter reread = Metrics.counter(StageMetrics.NAMESPACE, "manifest.rows_reread");
  private final int batchRows;

  ReadRowsFn(int batchRows) {
    this.batchRows = batchRows;
  }

  @GetInitialRestriction
  public ReadPosition initialRestriction() {
    return ReadPosition.START;
  }

  @GetRestrictionCoder
  public Coder<ReadPosition> restrictionCoder() {
    return SerializableCoder.of(ReadPosition.class);
  }

  @NewTracker
  public RowTracker newTracker(@Restriction ReadPosition from) {
    return new RowTracker(from);
  }

  @ProcessElement
  public ProcessContinuation process(
      @Element FileIO.ReadableFile file,
      RestrictionTracker<ReadPosition, ReadPosition> tracker,
      OutputReceiver<List<RawRow>> out)
      throws IOException {
    String name = file.getMetadata().resourceId().toString();
    try (ManifestParser.RowReader reader =
        ManifestParser.open(name, file::openSeekable, tracker.currentRestriction())) {
      if (reader.rowsReread() > 0) {
        reread.inc(reader.rowsReread());
      }
      // a batch is claimed as a whole (by the position after it), then output
      long size = reader.batchRows(batchRows);
      List<RawRow> batch = new ArrayList<>();
      RawRow row = null;
      while (batch.size() < size && (row = reader.next()) != null) {
        batch.add(row);
      }
      if (!batch.isEmpty()) {
        if (!tracker.tryClaim(reader.position())) {
          return ProcessContinuation.stop(); // cannot happen: no checkpoint before a claim
        }
        out.output(batch);
      }
      if (row == null) {
        tracker.tryClaim(RowTracker.END);
        return ProcessContinuation.stop();
      }
      return ProcessContinuation.resume();
    }
  }

  /**
   * Claims rows by the position that follows them; a checkpoint leaves the rest of the file, from
   * the position after the last claimed row, as the residual.
   */
  static final class RowTracker extends RestrictionTracker<ReadPosition, ReadPosition> {
    static final ReadPosition END = new ReadPosition(Long.MAX_VALUE, Long.MAX_VALUE);
    private final ReadPosition from;
    private ReadPosition claimedUpTo;
    private boolean stopped;
    private boolean done;

    RowTracker(ReadPosition from) {
      this.from = from;
      this.claimedUpTo = from;
    }

    @Override
    public boolean tryClaim(ReadPosition afterRow) {
      if (stopped || done) {
        return false;
      }
      if (afterRow.equals(END)) {
        done = true;
        return false;
      }
      claimedUpTo = afterRow;
      return true;
    }

    @Override
    public ReadPosition currentRestriction() {
      return from;
    }

    @Override
    public SplitResult<ReadPosition> trySplit(double fractionOfRemainder) {
      // a checkpoint before the first claim would leave all the work to the residual again
      if (fractionOfRemainder != 0 || stopped || done || claimedUpTo.equals(from)) {
        return null;
      }
      stopped = true;
      return SplitResult.of(from, claimedUpTo);
    }

    @Override
    public void checkDone() {
      if (!stopped && !done) {
        throw new IllegalStateException("rows after " + claimedUpTo + " were not read");
      }
    }

    @Override
    public IsBounded isBounded() {
      return IsBounded.BOUNDED;
    }
  }
}
