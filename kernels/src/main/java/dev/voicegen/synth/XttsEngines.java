package dev.voicegen.synth;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.SamplingParams;
import dev.voicegen.onnx.ModelException;
import java.nio.file.Path;

/** Builds the XTTS engine of a spec; model problems become startup errors with their message. */
final class XttsEngines {
  private XttsEngines() {}

  static SpeechEngine load(EngineSpec spec) {
    XttsSettings x = spec.xtts();
    SamplingParams sampling =
        new SamplingParams(x.temperature(), x.topK(), x.topP(), x.repetitionPenalty(), x.maxCodes());
    OnnxSessions.Settings settings =
        OnnxSessions.Settings.defaults()
            .withDevice(ExecutionDevice.parse(spec.device()))
            .withThreads(x.threads());
    try {
      return XttsEngine.load(Path.of(spec.modelDir()), settings, sampling, x.seed());
    } catch (ModelException | IllegalArgumentException e) {
      throw new EngineUnavailableException(e.getMessage());
    }
  }
}
