package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.features.MelFilterBank.MelScale;
import dev.voicegen.audio.features.MelFilterBank.Norm;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against librosa.filters.mel and torchaudio melscale_fbanks ports (goldens/filterbanks.npz). */
class MelFilterBankTest {
  private static final double RELATIVE_TOLERANCE = 1e-9;

  @Test
  void banksMatchTheReferences() {
    NpzArchive want = NpzArchive.load("/features/goldens/filterbanks.npz");
    Map<String, MelFilterBank> banks = Map.of(
        "librosa_22050_2048_128",
        MelFilterBank.librosa(22050, 2048, 128, 0, 11025, MelScale.SLANEY, Norm.SLANEY),
        "librosa_16000_400_80",
        MelFilterBank.librosa(16000, 400, 80, 0, 8000, MelScale.SLANEY, Norm.SLANEY),
        "librosa_htk_16000_512_40",
        MelFilterBank.librosa(16000, 512, 40, 50, 7000, MelScale.HTK, Norm.SLANEY),
        "torchaudio_22050_2048_80_slaney",
        MelFilterBank.torchaudio(22050, 2048, 80, 0, 8000, MelScale.HTK, Norm.SLANEY),
        "torchaudio_16000_512_64",
        MelFilterBank.torchaudio(16000, 512, 64, 0, 8000, MelScale.HTK, Norm.NONE));
    banks.forEach((key, bank) -> {
      double[] probe = new double[bank.bins()];
      for (int k = 0; k < probe.length; k++) {
        probe[k] = 1 + k % 7;
      }
      double[] got = new double[bank.bands()];
      bank.apply(probe, got);
      double[] wantProbe = want.flat(key + "_probe");
      double[] wantSums = want.flat(key + "_sums");
      assertEquals(wantProbe.length, bank.bands(), key + ": bands");
      for (int m = 0; m < bank.bands(); m++) {
        double sum = 0;
        for (int k = 0; k < bank.bins(); k++) {
          sum += bank.weight(m, k);
        }
        assertEquals(wantProbe[m], got[m], RELATIVE_TOLERANCE * Math.abs(wantProbe[m]), key + " band " + m);
        assertEquals(wantSums[m], sum, RELATIVE_TOLERANCE * Math.abs(wantSums[m]), key + " sum " + m);
      }
    });
  }

  @Test
  void scalesHitTheirDefiningPoints() {
    assertEquals(15.0, MelScale.SLANEY.hzToMel(1000), 1e-12);
    assertEquals(7.5, MelScale.SLANEY.hzToMel(500), 1e-12);
    assertEquals(2595.0 * Math.log10(2), MelScale.HTK.hzToMel(700), 1e-9);
    for (double hz : new double[] {0, 123.4, 999.9, 1000, 4321, 11025}) {
      assertEquals(hz, MelScale.SLANEY.melToHz(MelScale.SLANEY.hzToMel(hz)), 1e-9);
      assertEquals(hz, MelScale.HTK.melToHz(MelScale.HTK.hzToMel(hz)), 1e-9);
    }
  }

  @Test
  void peakNormalisedTrianglesReachOne() {
    MelFilterBank bank = MelFilterBank.torchaudio(16000, 512, 64, 0, 8000, MelScale.HTK, Norm.NONE);
    for (int m = 0; m < bank.bands(); m++) {
      double peak = 0;
      for (int k = 0; k < bank.bins(); k++) {
        peak = Math.max(peak, bank.weight(m, k));
      }
      assertTrue(peak > 0.0 && peak <= 1.0, "band " + m + " peak " + peak);
    }
  }

  @Test
  void rejectsMismatchedSpectra() {
    MelFilterBank bank = MelFilterBank.librosa(16000, 400, 80, 0, 8000, MelScale.SLANEY, Norm.SLANEY);
    assertThrows(IllegalArgumentException.class, () -> bank.apply(new double[200], new double[80]));
    assertThrows(IllegalArgumentException.class,
        () -> MelFilterBank.librosa(16000, 400, 80, 8000, 100, MelScale.SLANEY, Norm.SLANEY));
  }
}
