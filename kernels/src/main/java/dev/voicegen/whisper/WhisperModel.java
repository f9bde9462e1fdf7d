package dev.voicegen.whisper;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A loaded Whisper model in the Hugging Face ONNX layout: encoder and merged-decoder sessions
 * (checked against {@link WhisperGraphs}), the generation config and the tokenizer. Thread-safe
 * for concurrent calls (ORT sessions are); load one per JVM and give each thread a transcriber.
 */
public final class WhisperModel implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WhisperModel.class);

  private final Path root;
  private final WhisperConfig config;
  private final WhisperTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession encoder;
  private final OrtSession decoder;

  private WhisperModel(Path root, WhisperConfig config, WhisperTokenizer tokenizer, OrtEnvironment env,
      OrtSession.SessionOptions options, OrtSession encoder, OrtSession decoder) {
    this.root = root;
    this.config = config;
    this.tokenizer = tokenizer;
    this.env = env;
    this.options = options;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  /** Loads on the CPU with all cores. */
  public static WhisperModel load(Path root) {
    return load(root, OnnxSessions.Settings.defaults());
  }

  /**
   * The encoder and decoder graphs {@link #load} reads, relative to the model directory: the float
   * ones, or with {@code quantized} the int8 ones beside them.
   */
  public static List<String> graphFiles(boolean quantized) {
    return List.of(WhisperGraphs.Graph.ENCODER.file(quantized), WhisperGraphs.Graph.DECODER.file(quantized));
  }

  /** Checks the directory, opens and checks both sessions, loads the tokenizer. */
  public static WhisperModel load(Path root, OnnxSessions.Settings settings) {
    long t0 = System.nanoTime();
    String encoderFile = WhisperGraphs.Graph.ENCODER.file(settings.int8());
    String decoderFile = WhisperGraphs.Graph.DECODER.file(settings.int8());
    for (String f : graphFiles(settings.int8())) {
      if (!Files.isRegularFile(root.resolve(f))) {
        throw ModelException.of(f, "missing in " + root);
      }
    }
    WhisperConfig config = WhisperConfig.read(root);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = sessionOptions(settings);
    OrtSession encoder = null;
    OrtSession decoder = null;
    WhisperTokenizer tokenizer = null;
    try {
      encoder = open(env, root, encoderFile, options);
      WhisperGraphs.checkEncoder(encoder, config, encoderFile);
      decoder = open(env, root, decoderFile, options);
      WhisperGraphs.checkDecoder(decoder, config, decoderFile);
      tokenizer = WhisperTokenizer.load(root, config);
      WhisperModel model = new WhisperModel(root, config, tokenizer, env, options, encoder, decoder);
      LOG.info("Loaded Whisper model {} ({} decoder layers x {}, {}, device {}) in {} ms", root,
          config.decoderLayers(), config.dModel(), settings.int8() ? "int8" : "float",
          settings.device(), (System.nanoTime() - t0) / 1_000_000);
      return model;
    } catch (RuntimeException e) {
      closeQuietly(encoder);
      closeQuietly(decoder);
      if (tokenizer != null) {
        tokenizer.close();
      }
      options.close();
      throw e;
    }
  }

  public Path root() {
    return root;
  }

  public WhisperConfig config() {
    return config;
  }

  public WhisperTokenizer tokenizer() {
    return tokenizer;
  }

  /** A transcriber that stops at <|endoftext|> or max_length (one per thread). */
  public WhisperTranscriber transcriber() {
    return transcriber(DecodingOptions.DEFAULT);
  }

  /** A transcriber with its own scratch state and counters (one per thread). */
  public WhisperTranscriber transcriber(DecodingOptions options) {
    return new WhisperTranscriber(this, options);
  }

  OrtEnvironment env() {
    return env;
  }

  OrtSession encoderSession() {
    return encoder;
  }

  OrtSession decoderSession() {
    return decoder;
  }

  @Override
  public void close() {
    closeQuietly(encoder);
    closeQuietly(decoder);
    tokenizer.close();
    options.close();
  }

  /**
   * The XTTS engine's session options (same threading and arena choices, same CUDA message), with
   * the intra-op pool's spin-waiting off: between the small ops of a decode step a spinning pool
   * thread holds a core that the JVM's other workers and the machine's other processes need (on 2
   * shared cores bin/bench-whisper's decoder used ~25 % less CPU time for the same wall time).
   */
  private static OrtSession.SessionOptions sessionOptions(OnnxSessions.Settings s) {
    OrtSession.SessionOptions o =
        OnnxSessions.options(s);
    try {
      o.addConfigEntry("session.intra_op.allow_spinning", "0");
    } catch (OrtException e) {
      o.close();
      throw new ModelException("cannot set ONNX Runtime session options: " + e.getMessage(), e);
    }
    return o;
  }

  private static OrtSession open(OrtEnvironment env, Path root, String file, OrtSession.SessionOptions o) {
    try {
      return env.createSession(root.resolve(file).toString(), o);
    } catch (OrtException e) {
      throw ModelException.of(file, "ONNX Runtime cannot load it: " + e.getMessage());
    }
  }

  private static void closeQuietly(OrtSession s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (OrtException e) {
      LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
    }
  }
}
