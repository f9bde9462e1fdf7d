package dev.voicegen.beam.synthesis;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.synth.AcceptanceGates;
import dev.voicegen.synth.AttemptScores;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Judges one attempt of each scored output against the acceptance gates: an attempt that passes
 * them all is {@link #ACCEPTED}; one that misses a gate goes to {@link #RETRY} (keyed by its
 * sample's hash, for the next attempt's batches) while attempts are left, and otherwise the row
 * {@link #REJECTED} (stage verify, {@code below_quality_gates}, its best attempt's scores in the
 * message; its audio is not kept).
 */
final class AcceptAttempts extends PTransform<PCollection<GeneratedSpeech>, PCollectionTuple> {
  static final TupleTag<GeneratedSpeech> ACCEPTED = new TupleTag<>() {};
  static final TupleTag<KV<String, RowAttempt>> RETRY = new TupleTag<>() {};
  static final TupleTag<FailedRow> REJECTED = new TupleTag<>() {};
  static final String REASON = "below_quality_gates";

  private final AcceptanceGates gates;
  private final int attempts;

  /**
   * @param gates the gates every kept output passes
   * @param attempts the most attempts per row ({@code --attempts})
   */
  AcceptAttempts(AcceptanceGates gates, int attempts) {
    this.gates = gates;
    this.attempts = attempts;
  }

  @Override
  public PCollectionTuple expand(PCollection<GeneratedSpeech> scored) {
    PCollectionTuple out =
        scored.apply(
            "Judge",
            ParDo.of(new JudgeFn(gates, attempts))
                .withOutputTags(ACCEPTED, TupleTagList.of(RETRY).and(REJECTED)));
    out.get(ACCEPTED).setCoder(SerializableCoder.of(GeneratedSpeech.class));
    out.get(RETRY).setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RowAttempt.class)));
    out.get(REJECTED).setCoder(SerializableCoder.of(FailedRow.class));
    return out;
  }

  static final class JudgeFn extends DoFn<GeneratedSpeech, GeneratedSpeech> {
    private final AcceptanceGates gates;
    private final int attempts;
    private final Counter retried = Metrics.counter(StageMetrics.NAMESPACE, "attempts.retried");
    private final Counter rejected = Metrics.counter(StageMetrics.NAMESPACE, "attempts.rejected");

    JudgeFn(AcceptanceGates gates, int attempts) {
      this.gates = gates;
      this.attempts = attempts;
    }

    @ProcessElement
    public void process(@Element GeneratedSpeech speech, MultiOutputReceiver out) {
      AttemptScores scores = speech.scores().missing(gates.missed(speech.scores()));
      GeneratedSpeech judged = speech.withScores(scores);
      if (scores.passed()) {
        out.get(ACCEPTED).output(judged);
        return;
      }
      List<AttemptScores> all = judged.allAttempts();
      if (judged.attempt() < attempts) {
        retried.inc();
        out.get(RETRY)
            .output(
                KV.of(
                    judged.voice().sha256(),
                    new RowAttempt(judged.entry(), judged.attempt() + 1, all)));
        return;
      }
      rejected.inc();
      out.get(REJECTED)
          .output(
              FailedRow.of(
                  judged.entry(), Stage.VERIFY, REASON, gates.describe(all)));
    }
  }
}
