package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * The espeak-ng clips of src/test/resources/features/clips (make_clips.sh) and their goldens
 * (make_goldens.py): each clip at 22050 Hz and at 16000 Hz.
 */
public final class FeatureClips {
  /** The clips make_goldens.py covers. */
  public static final List<String> NAMES = List.of("fox", "quiet", "french", "german");

  private FeatureClips() {}

  /** The clip {@code name} at 22050 Hz ({@code khz} = "22k") or 16000 Hz ("16k"). */
  public static AudioClip clip(String name, String khz) {
    String resource = "/features/clips/" + name + "." + khz + ".flac";
    URL url = FeatureClips.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    try {
      return AudioDecoder.decode(Path.of(url.toURI()));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot decode " + resource, e);
    }
  }

  public static float[] samples(String name, String khz) {
    return clip(name, khz).channel(0);
  }

  public static NpzArchive goldens(String name) {
    return NpzArchive.load("/features/goldens/" + name + ".npz");
  }

  /** The largest |got - want| over a [band][frame] array; fails on a shape mismatch. */
  public static double maxAbsError(float[][] got, double[][] want, String what) {
    if (got.length != want.length) {
      throw new AssertionError(what + ": " + got.length + " rows, want " + want.length);
    }
    double worst = 0;
    for (int r = 0; r < want.length; r++) {
      if (got[r].length != want[r].length) {
        throw new AssertionError(what + ": row " + r + " has " + got[r].length + " frames, want "
            + want[r].length);
      }
      for (int c = 0; c < want[r].length; c++) {
        double err = Math.abs(got[r][c] - want[r][c]);
        if (!(err <= worst)) {
          worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
        }
      }
    }
    return worst;
  }
}
