package dev.voicegen.quality;

/**
 * The polynomials that map sig_bak_ovr.onnx's raw outputs onto the P.835 scale, as
 * {@code dnsmos_local.py}'s {@code get_polyfit_val} applies them to every window (the regular
 * model, not the personalised one).
 */
final class DnsmosCalibration {
  // dnsmos_local.py get_polyfit_val, is_personalized_MOS False: np.poly1d coefficients, highest power first
  private static final double[] SIG = {-0.08397278, 1.22083953, 0.0052439};
  private static final double[] BAK = {-0.13166888, 1.60915514, -0.39604546};
  private static final double[] OVRL = {-0.06766283, 1.11546468, 0.04602535};

  private DnsmosCalibration() {}

  static double sig(double raw) {
    return eval(SIG, raw);
  }

  static double bak(double raw) {
    return eval(BAK, raw);
  }

  static double ovrl(double raw) {
    return eval(OVRL, raw);
  }

  /** Horner's rule, as np.poly1d evaluates. */
  private static double eval(double[] coefficients, double x) {
    double y = 0;
    for (double c : coefficients) {
      y = y * x + c;
    }
    return y;
  }
}
