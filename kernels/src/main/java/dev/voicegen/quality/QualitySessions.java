package dev.voicegen.quality;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.GraphChecks;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import java.nio.file.Path;

/**
 * Session options and session creation for the quality graphs: the XTTS engine's options (same
 * threading, arena and CUDA message), with errors that name the graph file.
 */
final class QualitySessions {
  private QualitySessions() {}

  static OrtSession.SessionOptions options(OnnxSessions.Settings settings) {
    return OnnxSessions.options(settings);
  }

  /** Opens {@code dir/file}; a failure names the file. */
  static OrtSession open(Path dir, String file, OrtSession.SessionOptions options) {
    try {
      return OrtEnvironment.getEnvironment().createSession(dir.resolve(file).toString(), options);
    } catch (OrtException e) {
      throw ModelException.of(dir.resolve(file).toString(), "ONNX Runtime cannot load it: " + e.getMessage());
    }
  }

  /** Layout checks whose errors name {@code dir/file}. */
  static GraphChecks checks(Path dir, String file) {
    return new GraphChecks(dir.resolve(file).toString(), null, ModelException::of);
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing a native session during cleanup after another failure: the first failure matters
    }
  }
}
