package dev.voicegen.beam.synthesis;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.whisper.ErrorRates;
import dev.voicegen.whisper.SharedWhisperModels;
import dev.voicegen.whisper.Transcript;
import dev.voicegen.whisper.WhisperModel;
import dev.voicegen.whisper.WhisperTranscriber;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code --verifyAsr}: Whisper transcribes each generated output; the transcript, CER and WER
 * against the input text go into the metadata. The {@code --maxCer} gate is judged with the other
 * gates by {@link AcceptAttempts}; a transcription that throws fails its row (stage verify).
 */
public final class VerifySpeech extends PTransform<PCollection<GeneratedSpeech>, PCollectionTuple> {
  public static final TupleTag<GeneratedSpeech> VERIFIED = new TupleTag<>() {};
  public static final TupleTag<FailedRow> FAILURES = new TupleTag<>() {};

  private final SharedWhisperModels.Key model;

  private VerifySpeech(SharedWhisperModels.Key model) {
    this.model = model;
  }

  /** @param model the Whisper model, its device (the job's {@code --device}) and threads */
  public static VerifySpeech with(SharedWhisperModels.Key model) {
    return new VerifySpeech(model);
  }

  @Override
  public PCollectionTuple expand(PCollection<GeneratedSpeech> speech) {
    PCollectionTuple out =
        speech.apply(
            "Transcribe",
            ParDo.of(new VerifyFn(model))
                .withOutputTags(VERIFIED, TupleTagList.of(FAILURES)));
    out.get(VERIFIED).setCoder(SerializableCoder.of(GeneratedSpeech.class));
    out.get(FAILURES).setCoder(SerializableCoder.of(FailedRow.class));
    return out;
  }

  static final class VerifyFn extends SharedResourceFn<GeneratedSpeech, GeneratedSpeech, WhisperModel> {
    private static final Logger LOG = LogManager.getLogger(VerifySpeech.class);
    private final StageMetrics metrics = new StageMetrics(Stage.VERIFY);
    private transient WhisperTranscriber transcriber;

    VerifyFn(SharedWhisperModels.Key key) {
      super(key);
    }


    @Override
    protected void setUp(WhisperModel model) {
      transcriber = model.transcriber(); // one per thread: transcribers are not thread-safe
    }

    @ProcessElement
    public void process(@Element GeneratedSpeech speech, MultiOutputReceiver out) {
      long start = System.nanoTime();
      try {
        AudioClip audio = speech.audio();
        Transcript t =
            transcriber
                .transcribe(List.of(audio), java.util.Collections.singletonList(whisperLanguage(speech.entry().language())))
                .get(0);
        String text = speech.entry().text();
        AsrCheck check =
            new AsrCheck(t.text(), t.language(), ErrorRates.cer(text, t.text()), ErrorRates.wer(text, t.text()));
        double ms = StageMetrics.since(start);
        metrics.ok(ms);
        out.get(VERIFIED).output(speech.withAsr(check));
      } catch (RuntimeException e) {
        metrics.failed(StageMetrics.since(start));
        LOG.error("Transcribing {} failed", speech.entry().id(), e);
        out.get(FAILURES)
            .output(FailedRow.of(speech.entry(), Stage.VERIFY, e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
      }
    }

    /** XTTS's zh-cn is Whisper's zh; the other codes are the same. */
    static String whisperLanguage(String xtts) {
      return "zh-cn".equals(xtts) ? "zh" : xtts;
    }
  }
}
