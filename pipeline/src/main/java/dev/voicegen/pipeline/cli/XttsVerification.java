package dev.voicegen.pipeline.cli;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import dev.voicegen.xtts.BatchingProbe;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.SamplingParams;
import dev.voicegen.synth.XttsEngine;
import dev.voicegen.onnx.ModelException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The part of {@code models verify xtts-v2} after the checksums: loads the model on the chosen
 * device (which runs the {@link BatchingProbe}, never read from a probe record), then speaks one
 * fixed sentence in a bundled demo voice, and prints both results. Exit status 0 when the sentence came out, whatever the probe said
 * (a model that cannot batch still works, one row at a time).
 */
final class XttsVerification {
  static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";
  /** A bundled demo voice (LibriSpeech, CC BY 4.0), relative to the voicegen home. */
  static final String VOICE = "run-configs/demo/voices/alice.wav";

  private final PrintStream out;
  private final PrintStream err;

  XttsVerification(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(Path modelDir, ExecutionDevice device) {
    Path voice = Path.of(System.getProperty("voicegen.home", ".")).resolve(VOICE);
    AudioClip reference;
    try {
      reference = AudioDecoder.decode(voice);
    } catch (AudioDecodeException e) {
      err.println("voicegen: " + voice + ": " + e.getMessage());
      return VoicegenCli.FAILED;
    }
    OnnxSessions.Settings settings = OnnxSessions.Settings.defaults().withDevice(device);
    long loadStart = System.nanoTime();
    // a verification probes, whatever a probe record holds (and records what it finds)
    try (XttsEngine engine = XttsEngine.load(modelDir, settings, SamplingParams.defaults(), 0L, true)) {
      BatchingProbe.Result probe = engine.batching();
      out.printf(Locale.ROOT, "%s: loaded on %s in %.1f s%n", modelDir, device, seconds(loadStart));
      out.println("batching probe: " + probe);
      probe.checks().forEach(line -> out.println("  " + line));
      long start = System.nanoTime();
      SynthesisResult r =
          engine.synthesize(List.of(new SynthesisRequest("verify", SENTENCE, "en", "verify-voice", reference))).get(0);
      if (!r.ok()) {
        err.println("voicegen: synthesis failed: " + r.errorClass() + ": " + r.message());
        return VoicegenCli.FAILED;
      }
      out.printf(Locale.ROOT,
          "synthesis: \"%s\" in the voice of %s: %.2f s of %d Hz audio in %.2f s (speaker similarity %.2f)%n",
          SENTENCE, VOICE, r.audio().frames() / (double) r.audio().sampleRate(), r.audio().sampleRate(),
          seconds(start), r.speakerSimilarity());
      return VoicegenCli.OK;
    } catch (ModelException e) {
      err.println("voicegen: " + modelDir + ": " + e.getMessage());
      return VoicegenCli.FAILED;
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
