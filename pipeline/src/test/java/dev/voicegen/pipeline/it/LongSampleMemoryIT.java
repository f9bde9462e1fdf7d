package dev.voicegen.pipeline.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 10-minute 48 kHz stereo 16-bit reference (115 MB as PCM, 230 MB as floats) goes through
 * {@code analyze} and {@code preprocess} in a JVM with {@code -Xmx256m}: as WAV and, where the
 * {@code flac} encoder is installed, as FLAC, which must give the same answers; and a {@code run}
 * job (espeak-ng engine) whose rows use it, in the same heap. The sample is
 * synthesised here (speech-like voiced bursts with word gaps and 1.2 s pauses), never committed.
 */
class LongSampleMemoryIT {
  private static final String HEAP = "256m";
  private static final int RATE = 48_000;
  private static final int SECONDS = 600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path work;
  private static Path wav;

  @BeforeAll
  static void writeLongSample() throws IOException {
    work = ItEnvironment.freshWorkFolder("LongSampleMemoryIT");
    wav = work.resolve("ten-minutes-48k-stereo.wav");
    writeSpeechLikeWav(wav, RATE, SECONDS, 42);
  }

  /** The 115 MB WAV and 44 MB FLAC are not worth keeping in target/. */
  @AfterAll
  static void deleteLongSamples() throws IOException {
    Files.deleteIfExists(wav);
    Files.deleteIfExists(work.resolve("ten-minutes-48k-stereo.flac"));
  }

  @Test
  void wavGoesThroughAnalyzeAndPreprocessIn256Megabytes() throws Exception {
    JsonNode a = analyze(wav);
    assertEquals(600.0, a.path("duration_s").asDouble(), 1e-9, a.toString());
    assertEquals(2, a.path("channels").asInt());
    assertEquals(RATE, a.path("sample_rate").asInt());
    double speech = a.path("speech_duration_s").asDouble();
    assertTrue(speech > 300 && speech < 590, "speech and pauses both found: " + a);
    assertTrue(a.path("loudness_dbfs").isNumber() && a.path("integrated_lufs").isNumber(),
        a.toString());
    assertEquals(40, a.path("score").asInt(),
        "long, stereo and 48 kHz fail; loudness and silence pass: " + a);

    Path out = work.resolve("preprocessed-from-wav.wav");
    String printed = preprocess(wav, out);
    assertTrue(printed.contains("resampled to 22050 Hz"), printed);
    AudioClip clip = AudioDecoder.decode(out);
    assertEquals(22050, clip.sampleRate());
    assertEquals(1, clip.channelCount());
    assertEquals(30_000, clip.durationMillis(), "the middle 30 s of the stripped speech");
  }

  @Test
  void flacGivesTheSameAnswersIn256Megabytes() throws Exception {
    Path flac = work.resolve("ten-minutes-48k-stereo.flac");
    Process encode;
    try {
      encode = new ProcessBuilder("flac", "--silent", "--force", "-0", "-o", flac.toString(),
          wav.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      encode = null;
    }
    assumeTrue(encode != null && encode.waitFor(300, TimeUnit.SECONDS) && encode.exitValue() == 0,
        "the flac encoder is not installed (apt-get install flac)");

    JsonNode fromFlac = analyze(flac);
    JsonNode fromWav = analyze(wav);
    for (String key : List.of("duration_s", "speech_duration_s", "speech_segments", "loudness_dbfs",
        "peak_dbfs", "integrated_lufs", "true_peak_dbtp", "snr_db", "speech_ratio", "score")) {
      assertEquals(fromWav.path(key), fromFlac.path(key), key);
    }
    Path fromFlacOut = work.resolve("preprocessed-from-flac.wav");
    Path fromWavOut = work.resolve("preprocessed-from-wav-2.wav");
    preprocess(flac, fromFlacOut);
    preprocess(wav, fromWavOut);
    assertEquals(-1L, Files.mismatch(fromWavOut, fromFlacOut), "the same preprocessed sample");
  }

  @Test
  void jobWithTheLongSampleRunsIn256Megabytes() throws Exception {
    // two rows of the one sample: it is decoded, analyzed and prepared once, then both are spoken
    Path manifest = work.resolve("long-sample.csv");
    Files.write(manifest, List.of("id,text,speaker_wav,language",
        "long-1,\"The first row of the long reference.\"," + wav + ",en",
        "long-2,\"The second row of the long reference.\"," + wav + ",en"));
    Path out = work.resolve("job-out");
    VoicegenJob.Result r =
        new VoicegenJob(work.resolve("job.log"), HEAP, "--manifest=" + manifest, "--output=" + out,
                "--engine=espeak", "--logDir=" + work.resolve("job-logs"))
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = new FinishedDataset(out);
    assertEquals(2, d.summary.path("rows_ok").asLong(), d.summary.toString());
    assertEquals(2, d.metadata.size());
    for (GenericRecord m : d.metadata) {
      assertEquals(600.0, ((Number) m.get("duration_s")).doubleValue(), 1e-9, "the reference's analysis");
      assertTrue(Files.size(out.resolve(m.get("audio_filepath").toString())) > 44, "spoken audio");
    }
  }

  private static JsonNode analyze(Path sample) throws Exception {
    Path log = work.resolve("analyze-" + sample.getFileName() + ".log");
    VoicegenJob.Result r =
        VoicegenJob.command(log, HEAP, "analyze", sample.toString(), "--json").run(600);
    assertEquals(0, r.exitCode(), r.output());
    String line = r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(
        () -> new AssertionError("no JSON line: " + r.output()));
    return JSON.readTree(line);
  }

  private static String preprocess(Path sample, Path out) throws Exception {
    Path log = work.resolve("preprocess-" + out.getFileName() + ".log");
    VoicegenJob.Result r =
        VoicegenJob.command(log, HEAP, "preprocess", sample.toString(), out.toString()).run(600);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }

  /**
   * 16-bit stereo WAV written in blocks: words of 150-450 ms (a few harmonics of a gliding
   * 100-220 Hz pitch under a raised-cosine envelope) with 60-200 ms gaps, and a 1.2 s pause every 4-8 s; the
   * right channel is the left at 80 % with a 0.3 ms delay, over a -70 dBFS hiss.
   */
  static void writeSpeechLikeWav(Path file, int rate, int seconds, long seed) throws IOException {
    Random random = new Random(seed);
    long frames = (long) rate * seconds;
    int delay = (int) (0.0003 * rate);
    float[] history = new float[delay + 1];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(header(rate, 2, frames));
      ByteBuffer block = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      long frame = 0;
      double phase = 0;
      double untilPause = 4 + 4 * random.nextDouble();
      double clock = 0;
      while (frame < frames) {
        boolean pause = clock >= untilPause;
        int wordFrames = (int) ((pause ? 1.2 : 0.15 + 0.3 * random.nextDouble()) * rate);
        int gapFrames = pause ? 0 : (int) ((0.06 + 0.14 * random.nextDouble()) * rate);
        double f0 = 100 + 120 * random.nextDouble();
        double glide = (random.nextDouble() - 0.5) * 40;
        double level = pause ? 0 : 0.1 + 0.3 * random.nextDouble();
        if (pause) {
          untilPause = clock + 1.2 + 4 + 4 * random.nextDouble();
        }
        for (int i = 0; i < wordFrames + gapFrames && frame < frames; i++, frame++) {
          double voiced = 0;
          if (i < wordFrames && level > 0) {
            double t = (double) i / wordFrames;
            phase += 2 * Math.PI * (f0 + glide * t) / rate;
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * t);
            double harmonics = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
            voiced = level * envelope * harmonics;
          }
          float left = (float) (voiced + 0.0003 * random.nextGaussian());
          System.arraycopy(history, 1, history, 0, delay);
          history[delay] = left;
          float right = 0.8f * history[0];
          if (block.remaining() < 4) {
            out.write(block.array(), 0, block.position());
            block.clear();
          }
          block.putShort(pcm16(left));
          block.putShort(pcm16(right));
        }
        clock += (double) (wordFrames + gapFrames) / rate;
      }
      out.write(block.array(), 0, block.position());
    }
  }

  private static short pcm16(float x) {
    return (short) Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
  }

  private static byte[] header(int rate, int channels, long frames) {
    long dataBytes = frames * channels * 2;
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + dataBytes));
    h.put("WAVEfmt ".getBytes(US_ASCII)).putInt(16);
    h.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * 2);
    h.putShort((short) (channels * 2)).putShort((short) 16);
    h.put("data".getBytes(US_ASCII)).putInt((int) dataBytes);
    return h.array();
  }
}
