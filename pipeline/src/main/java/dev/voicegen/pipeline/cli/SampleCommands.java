package dev.voicegen.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.audio.measure.AnalysisColumns;
import dev.voicegen.audio.measure.MeasuredAnalysis;
import dev.voicegen.audio.measure.MeasurementAnalyzer;
import dev.voicegen.audio.measure.QualityScore;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.seed.SeedAnalysis;
import dev.voicegen.audio.seed.SeedAnalyzer;
import dev.voicegen.audio.seed.SeedVoiceProcessor;
import dev.voicegen.manifest.Languages;
import dev.voicegen.manifest.RowRules;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.common.EngineLabel;
import dev.voicegen.pipeline.common.OutputLocation;
import dev.voicegen.pipeline.common.WritableOutputFile;
import dev.voicegen.quality.ClipQuality;
import dev.voicegen.quality.DnsmosScore;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.SileroSpeech;
import dev.voicegen.quality.VadResult;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.EngineUnavailableException;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The one-off commands on single files: analyze, optimize, clone. No Beam. */
final class SampleCommands {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final PrintStream err;

  SampleCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * {@code analyze FILE... [--json] [--qualityModelDir=DIR]}: non-zero exit when any file cannot be
   * decoded. DNSMOS and Silero VAD come from DIR (default {@code models/}); an absent model gives
   * null values and one WARN line.
   */
  int analyze(String[] args) {
    boolean json = false;
    String qualityModelDir = "models";
    List<String> files = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--json")) {
        json = true;
      } else if (a.startsWith("--qualityModelDir=")) {
        qualityModelDir = a.substring("--qualityModelDir=".length());
      } else if (!a.startsWith("--")) {
        files.add(a);
      }
    }
    if (files.isEmpty()) {
      throw new ConfigurationException("analyze needs at least one FILE");
    }
    try (QualityModels models = loadQualityModels(qualityModelDir)) {
      return analyze(files, json, models);
    }
  }

  private int analyze(List<String> files, boolean json, QualityModels models) {
    int failures = 0;
    for (String file : files) {
      Path path = Path.of(file);
      try {
        AudioClip clip = AudioDecoder.decode(path);
        SeedAnalysis a = SeedAnalyzer.analyze(clip, Files.size(path));
        ClipQuality c = models.assess(clip);
        // speech_ratio from Silero VAD where it is installed, as in the run job
        MeasuredAnalysis m = MeasurementAnalyzer.measure(clip, SileroSpeech.orEnergy(c.vad()));
        QualityScore q = QualityScore.of(m);
        out.println(json ? toJson(file, a, m, q, c) : toText(file, a, m, q, c));
      } catch (OutOfMemoryError e) {
        failures++;
        report(json, file, "ran out of memory (heap " + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB); raise -Xmx (VOICEGEN_JAVA_OPTS) or shorten the file");
      } catch (IOException e) {
        failures++;
        report(json, file, e.getMessage());
      }
    }
    return failures == 0 ? VoicegenCli.OK : VoicegenCli.FAILED;
  }

  private void report(boolean json, String file, String message) {
    if (json) {
      ObjectNode n = JSON.createObjectNode();
      n.put("path", file);
      n.put("error", message);
      out.println(n);
    } else {
      err.println(message.startsWith(file) ? message : file + ": " + message);
    }
  }

  private static QualityModels loadQualityModels(String dir) {
    try {
      return QualityModels.load(Path.of(dir), OnnxSessions.Settings.defaults());
    } catch (ModelException e) {
      throw new ConfigurationException("--qualityModelDir=" + dir + ": " + e.getMessage(), e);
    }
  }

  static String toJson(String file, SeedAnalysis a, MeasuredAnalysis m, QualityScore q, ClipQuality c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("path", file);
    JSON.valueToTree(AnalysisColumns.of(a, m, q))
        .fields()
        .forEachRemaining(e -> n.set(e.getKey(), e.getValue()));
    DnsmosScore d = c.dnsmos();
    n.put("dnsmos_sig", d == null ? null : d.sig());
    n.put("dnsmos_bak", d == null ? null : d.bak());
    n.put("dnsmos_ovrl", d == null ? null : d.ovrl());
    n.put("dnsmos_p808", d == null ? null : d.p808());
    VadResult v = c.vad();
    n.put("vad_speech_s", v == null ? null : v.speechSeconds());
    if (v == null) {
      n.putNull("vad_segments");
    } else {
      ArrayNode segments = n.putArray("vad_segments");
      v.segments().forEach(s -> segments.addArray().add(s.startS()).add(s.endS()));
    }
    return n.toString();
  }

  private static String toText(
      String file, SeedAnalysis a, MeasuredAnalysis m, QualityScore q, ClipQuality c) {
    StringBuilder s = new StringBuilder();
    s.append(file).append('\n');
    s.append(String.format("  duration        %.2f s (speech %.2f s, silence %.2f s, %d segments)%n",
        a.durationS(), a.speechDurationS(), a.silenceDurationS(), a.speechSegments()));
    s.append(String.format("  format          %d Hz, %d channel(s), %.2f MB%n",
        a.sampleRate(), a.channels(), a.fileSizeMb()));
    s.append(String.format("  loudness        %s dBFS (peak %s dBFS)%n",
        a.loudnessDbfs() == null ? "-inf" : String.format("%.1f", a.loudnessDbfs()),
        a.peakDbfs() == null ? "-inf" : String.format("%.1f", a.peakDbfs())));
    s.append(String.format("  measured        %s LUFS, true peak %s dBTP, SNR %s dB, speech %s, bandwidth %s Hz%n",
        num(m.integratedLufs()), num(m.truePeakDbtp()), num(m.snrDb()), num(m.speechRatio()),
        num(m.bandwidthHz())));
    s.append(String.format("  seed score      %d/100 (%s)%n", a.score(), a.verdict()));
    for (String r : a.recommendations()) {
      s.append("  - ").append(r).append('\n');
    }
    s.append(String.format("  quality score   %d/100%n", q.score()));
    for (String r : q.recommendations()) {
      s.append("  - ").append(r).append('\n');
    }
    DnsmosScore d = c.dnsmos();
    s.append(d == null ? "  DNSMOS          n/a (model not found)\n"
        : String.format("  DNSMOS          SIG %.2f, BAK %.2f, OVRL %.2f, P.808 %.2f%n",
            d.sig(), d.bak(), d.ovrl(), d.p808()));
    VadResult v = c.vad();
    s.append(v == null ? "  Silero VAD      n/a (model not found)\n"
        : String.format("  Silero VAD      %.1f s speech in %d segments%n", v.speechSeconds(), v.segments().size()));
    return s.toString().stripTrailing();
  }

  private static String num(Double v) {
    return v == null ? "n/a" : String.format("%.1f", v);
  }

  /** {@code optimize IN OUT}. */
  int optimize(String[] args) throws IOException {
    return process(args, "optimize", SeedVoiceProcessor::optimize);
  }

  /** {@code preprocess IN OUT}: the seed preprocess (what the engine conditions on) of one file. */
  int preprocess(String[] args) throws IOException {
    return process(args, "preprocess", SeedVoiceProcessor::preprocess);
  }

  private int process(String[] args, String command, Function<AudioClip, ProcessedVoice> kernel)
      throws IOException {
    List<String> files = positional(args);
    if (files.size() != 2) {
      throw new ConfigurationException(command + " needs IN and OUT");
    }
    if (OutputLocation.real(files.get(0)).equals(OutputLocation.real(files.get(1)))) {
      throw new ConfigurationException(
          command + ": OUT is IN (" + files.get(1) + "); it would overwrite the input: name another file");
    }
    Path target = WritableOutputFile.check(command + " OUT", files.get(1));
    ProcessedVoice result;
    try {
      // the decoded clip is not kept in a local: a long input can be dropped once it is mixed down
      result = kernel.apply(decodeOrExplain(files.get(0)));
    } catch (OutOfMemoryError e) {
      throw outOfMemory(files.get(0));
    }
    Files.write(target, WavWriter.toWav16(result.audio()));
    out.printf(
        "%s -> %s: gain %.2f dB, %d ms silence trimmed, %d ms cut, %s%n",
        files.get(0),
        files.get(1),
        result.gainDb(),
        result.trimmedMs(),
        result.cutMs(),
        result.resampled() ? "resampled to 22050 Hz" : "not resampled");
    result.warnings().forEach(w -> out.println("warning: " + w));
    return VoicegenCli.OK;
  }

  /** {@code clone --text=T --speaker-wav=W --language=L --output=F}: one row, no Beam. */
  int cloneOne(String[] args) throws IOException {
    Map<String, String> o = named(args);
    String text = require(o, "text");
    String wav = require(o, "speaker-wav");
    String given = o.getOrDefault("language", Languages.DEFAULT);
    String output = require(o, "output");
    // the manifest's rules: the same language codes and text limits as a row of `run`
    String language = Languages.normalize(given);
    if (!Languages.isSupported(language)) {
      throw new ConfigurationException(
          "--language=" + given + " is not supported; use one of " + Languages.SUPPORTED);
    }
    RowRules.RowRejection textProblem = textRules(o).checkText(text);
    if (textProblem != null) {
      throw new ConfigurationException(
          "--text: " + textProblem.message() + " (" + textProblem.errorClass() + ")");
    }
    Path target = WritableOutputFile.check("clone --output", output);
    ProcessedVoice prepared;
    try {
      prepared = SeedVoiceProcessor.preprocess(SeedVoiceProcessor.optimize(decodeOrExplain(wav)).audio());
    } catch (OutOfMemoryError e) {
      throw outOfMemory(wav);
    }
    EngineSpec spec;
    try {
      spec =
          EngineSpec.resolve(
              o.getOrDefault("engine", "auto"),
              o.getOrDefault("modelDir", "models/xtts-v2"),
              o.getOrDefault("device", "cpu"),
              o.getOrDefault("espeakExecutable", "espeak-ng"));
    } catch (EngineUnavailableException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    try (SpeechEngine engine = spec.load()) {
      SynthesisResult result =
          engine
              .synthesize(List.of(new SynthesisRequest("clone", text, language, wav, prepared.audio())))
              .get(0);
      if (!result.ok()) {
        err.println("voicegen: synthesis failed (" + result.errorClass() + "): " + wav + ": "
            + result.message());
        return VoicegenCli.FAILED;
      }
      Files.write(target, WavWriter.toWav16(result.audio()));
      out.printf(
          "%s: %.2f s of speech by %s; voice cloned: %s%n",
          output, result.audio().durationSeconds(), engine.name(), EngineLabel.of(engine).clonedSaying());
    } catch (EngineUnavailableException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    return VoicegenCli.OK;
  }

  /** The row rules with {@code --maxTextChars=N} when given (default as for {@code run}). */
  private static RowRules textRules(Map<String, String> o) {
    String max = o.get("maxTextChars");
    if (max == null) {
      return RowRules.DEFAULT;
    }
    try {
      return RowRules.withMaxTextChars(Integer.parseInt(max.strip()));
    } catch (NumberFormatException e) {
      throw new ConfigurationException("--maxTextChars=" + max + " must be a positive number of characters");
    }
  }

  private static AudioClip decodeOrExplain(String file) throws IOException {
    try {
      return AudioDecoder.decode(Path.of(file));
    } catch (AudioDecodeException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static ConfigurationException outOfMemory(String file) {
    return new ConfigurationException(file + ": ran out of memory (heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MB); raise -Xmx (VOICEGEN_JAVA_OPTS) or shorten the file");
  }

  private static List<String> positional(String[] args) {
    List<String> list = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        list.add(a);
      }
    }
    return list;
  }

  private static Map<String, String> named(String[] args) {
    Map<String, String> map = new HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        map.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    return map;
  }

  private static String require(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigurationException("clone needs --" + key + "=...");
    }
    return v;
  }
}
