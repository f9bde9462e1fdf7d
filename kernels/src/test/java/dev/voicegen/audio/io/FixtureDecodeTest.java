package dev.voicegen.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioFixtures.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes every fixture made by sox/ffmpeg/flac and compares it sample by sample with ffmpeg's decode. */
class FixtureDecodeTest {
  static List<Fixture> fixtures() {
    return AudioFixtures.manifest();
  }

  @Test
  void manifestListsEveryKindOfFixture() {
    List<String> names = fixtures().stream().map(Fixture::name).toList();
    assertTrue(names.size() >= 20, "manifest.tsv lists " + names.size() + " fixtures");
    for (String expected : List.of("pcm_u8_mono_8000.wav", "pcm_s16_6ch_48000.wav", "float64_stereo_48000.wav",
        "rf64_s16_stereo_22050.wav", "flac_s24_6ch_48000_ffmpeg.flac", "flac_s32_mono_16000.flac")) {
      assertTrue(names.contains(expected), expected + " missing from manifest.tsv");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodesLikeAnIndependentDecoder(Fixture fixture) throws Exception {
    AudioClip clip = AudioDecoder.decode(AudioFixtures.path(fixture.name()));
    float[] reference = AudioFixtures.reference(fixture.name());
    int channels = fixture.channels();

    assertEquals(fixture.sampleRate(), clip.sampleRate(), "sample rate");
    assertEquals(channels, clip.channelCount(), "channels");
    assertEquals(reference.length / channels, clip.frames(), "frames");

    double worst = 0;
    int worstAt = -1;
    float peak = 0;
    for (int c = 0; c < channels; c++) {
      float[] samples = clip.channel(c);
      for (int i = 0; i < samples.length; i++) {
        float expected = reference[i * channels + c];
        double diff = Math.abs(samples[i] - expected);
        peak = Math.max(peak, Math.abs(expected));
        if (diff > worst) {
          worst = diff;
          worstAt = i * channels + c;
        }
      }
    }
    assertTrue(worst <= fixture.tolerance(), "largest difference " + worst + " at interleaved sample " + worstAt);
    assertTrue(peak > 0.1f, "the fixture holds a real signal, peak " + peak);
  }
}
