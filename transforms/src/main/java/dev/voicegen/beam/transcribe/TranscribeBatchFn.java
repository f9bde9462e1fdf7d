package dev.voicegen.beam.transcribe;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.features.Mfcc;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.whisper.SharedWhisperModels;
import dev.voicegen.whisper.WhisperModel;
import dev.voicegen.whisper.Transcript;
import dev.voicegen.whisper.WhisperTranscriber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.joda.time.Instant;

/**
 * Transcribes decoded files in batches of up to {@code batchSize} (Whisper decodes a batch in lock
 * step), then computes each file's MFCC and emits its transcript row. A batch that fails is retried
 * file by file so that only the bad file becomes a failure.
 */
final class TranscribeBatchFn extends SharedResourceFn<DecodedAudio, GenericRecord, WhisperModel> {
  private static final Logger LOG = LogManager.getLogger(TranscribeBatchFn.class);
  private final String language;
  private final int batchSize;
  private final int mfccCoefficients;
  private final TupleTag<GenericRecord> rows;
  private final TupleTag<TranscribeFailure> failures;

  private transient WhisperTranscriber transcriber;
  private transient Mfcc mfcc;
  private transient List<DecodedAudio> batch;
  private transient BoundedWindow window;
  private transient Instant timestamp;

  TranscribeBatchFn(
      SharedWhisperModels.Key key,
      String language,
      int batchSize,
      int mfccCoefficients,
      TupleTag<GenericRecord> rows,
      TupleTag<TranscribeFailure> failures) {
    super(key);
    this.language = language;
    this.batchSize = batchSize;
    this.mfccCoefficients = mfccCoefficients;
    this.rows = rows;
    this.failures = failures;
  }


  @Override
  protected void setUp(WhisperModel model) {
    transcriber = model.transcriber(); // one per thread: transcribers are not thread-safe
    mfcc = new Mfcc(mfccCoefficients);
  }

  @StartBundle
  public void startBundle() {
    batch = new ArrayList<>(batchSize);
  }

  @ProcessElement
  public void process(
      @Element DecodedAudio audio, @Timestamp Instant ts, BoundedWindow w, MultiOutputReceiver out) {
    window = w;
    timestamp = ts;
    batch.add(audio);
    if (batch.size() >= batchSize) {
      Emitter emit =
          new Emitter() {
            @Override
            public void row(GenericRecord r) {
              out.get(rows).output(r);
            }

            @Override
            public void failure(TranscribeFailure f) {
              out.get(failures).output(f);
            }
          };
      flush(emit);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    if (batch.isEmpty()) {
      return;
    }
    BoundedWindow w = window;
    Instant ts = timestamp;
    flush(
        new Emitter() {
          @Override
          public void row(GenericRecord r) {
            context.output(rows, r, ts, w);
          }

          @Override
          public void failure(TranscribeFailure f) {
            context.output(failures, f, ts, w);
          }
        });
  }

  /** Where a flushed batch's results go: the process or the finish-bundle context. */
  private interface Emitter {
    void row(GenericRecord r);

    void failure(TranscribeFailure f);
  }

  private void flush(Emitter emit) {
    List<DecodedAudio> files = batch;
    batch = new ArrayList<>(batchSize);
    long start = System.nanoTime();
    List<Transcript> transcripts;
    try {
      transcripts = transcribe(files);
    } catch (RuntimeException e) {
      LOG.warn("A batch of {} file(s) failed ({}); transcribing them one by one", files.size(), e.toString());
      for (DecodedAudio one : files) {
        long oneStart = System.nanoTime();
        try {
          Transcript t = transcribe(List.of(one)).get(0);
          finish(one, t, StageMetrics.since(oneStart), emit);
        } catch (RuntimeException single) {
          LOG.error("Transcribing {} failed", one.file().uri(), single);
          emit.failure(TranscribeFailure.of(one.file(), TranscribeStage.TRANSCRIBE, single));
        }
      }
      return;
    }
    // Whisper runs the batch in lock step: each file is charged an equal share of its time
    double shareMs = StageMetrics.since(start) / files.size();
    for (int i = 0; i < files.size(); i++) {
      finish(files.get(i), transcripts.get(i), shareMs, emit);
    }
  }

  private List<Transcript> transcribe(List<DecodedAudio> files) {
    List<AudioClip> clips = new ArrayList<>(files.size());
    for (DecodedAudio f : files) {
      clips.add(f.clip());
    }
    List<String> languages = language == null ? null : Collections.nCopies(files.size(), language);
    return transcriber.transcribe(clips, languages);
  }

  private void finish(DecodedAudio audio, Transcript t, double transcribeMs, Emitter emit) {
    long start = System.nanoTime();
    float[][] matrix;
    try {
      matrix = mfcc.compute(audio.clip());
    } catch (RuntimeException e) {
      LOG.error("MFCC of {} failed", audio.file().uri(), e);
      emit.failure(TranscribeFailure.of(audio.file(), TranscribeStage.MFCC, e));
      return;
    }
    double mfccMs = StageMetrics.since(start);
    TranscriptTimingLog.file(audio.file().uri(), audio.decodeMs(), transcribeMs, mfccMs);
    emit.row(record(audio, t, matrix, transcribeMs, mfccMs));
  }

  static GenericRecord record(
      DecodedAudio audio, Transcript t, float[][] matrix, double transcribeMs, double mfccMs) {
    GenericRecord r = new GenericData.Record(Schemas.transcriptRow());
    r.put("folder_name", audio.file().folderName());
    r.put("file_name", audio.file().fileName());
    r.put("transcription", t.text() == null ? "" : t.text().strip());
    r.put("language", t.language() == null ? "" : t.language());
    r.put("duration_s", audio.durationSeconds());
    List<List<Float>> tokens = new ArrayList<>(matrix.length);
    for (float[] coefficient : matrix) {
      List<Float> values = new ArrayList<>(coefficient.length);
      for (float v : coefficient) {
        values.add(v);
      }
      tokens.add(values);
    }
    r.put("tokens", tokens);
    r.put("decode_ms", audio.decodeMs());
    r.put("transcribe_ms", transcribeMs);
    r.put("mfcc_ms", mfccMs);
    return r;
  }
}
