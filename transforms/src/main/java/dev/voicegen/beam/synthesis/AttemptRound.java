package dev.voicegen.beam.synthesis;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.voice.PreparedVoice;
import dev.voicegen.synth.EngineSpec;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * One attempt at the rows given to it (every row for attempt 1, the rows that missed a gate
 * afterwards): FormBatches, SpreadBatches, Synthesize, VerifySpeech (with {@code --verifyAsr}),
 * ScoreSpeech and AcceptAttempts. Outputs {@link AcceptAttempts#ACCEPTED}, {@link
 * AcceptAttempts#RETRY} (the next attempt's rows, batched together) and {@link
 * SynthesizeSpeech#FAILURES} (synthesis failures, failed checks, rows out of attempts).
 */
final class AttemptRound extends PTransform<PCollection<KV<String, RowAttempt>>, PCollectionTuple> {
  private final EngineSpec engine;
  private final int batchSize;
  private final long batchTokens;
  private final PCollectionView<Map<String, PreparedVoice>> prepared;
  private final Acceptance acceptance;

  AttemptRound(
      EngineSpec engine,
      int batchSize,
      long batchTokens,
      PCollectionView<Map<String, PreparedVoice>> prepared,
      Acceptance acceptance) {
    this.engine = engine;
    this.batchSize = batchSize;
    this.batchTokens = batchTokens;
    this.prepared = prepared;
    this.acceptance = acceptance;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, RowAttempt>> rows) {
    PCollectionTuple synthesized =
        rows.apply("FormBatches", new FormBatches(batchSize, batchTokens, engine.xtts().maxCodes()))
            .apply("SpreadBatches", Reshuffle.viaRandomKey())
            .apply(
                "Synthesize",
                ParDo.of(new SynthesizeSpeech.SynthesizeFn(engine, prepared))
                    .withSideInputs(prepared)
                    .withOutputTags(SynthesizeSpeech.SPEECH, TupleTagList.of(SynthesizeSpeech.FAILURES)));
    PCollection<GeneratedSpeech> speech =
        synthesized.get(SynthesizeSpeech.SPEECH).setCoder(SerializableCoder.of(GeneratedSpeech.class));
    PCollectionList<FailedRow> failures =
        PCollectionList.of(
            synthesized.get(SynthesizeSpeech.FAILURES).setCoder(SerializableCoder.of(FailedRow.class)));
    if (acceptance.asr() != null) {
      PCollectionTuple verified = speech.apply("VerifySpeech", VerifySpeech.with(acceptance.asr()));
      speech = verified.get(VerifySpeech.VERIFIED);
      failures = failures.and(verified.get(VerifySpeech.FAILURES));
    }
    PCollectionTuple judged =
        speech
            .apply("ScoreSpeech", ScoreSpeech.with(acceptance.quality()))
            .apply("AcceptAttempts", new AcceptAttempts(acceptance.gates(), acceptance.attempts()));
    failures = failures.and(judged.get(AcceptAttempts.REJECTED));
    return PCollectionTuple.of(AcceptAttempts.ACCEPTED, judged.get(AcceptAttempts.ACCEPTED))
        .and(AcceptAttempts.RETRY, judged.get(AcceptAttempts.RETRY))
        .and(
            SynthesizeSpeech.FAILURES,
            failures
                .apply("CollectFailures", Flatten.pCollections())
                .setCoder(SerializableCoder.of(FailedRow.class)));
  }
}
