package dev.voicegen.models;

/**
 * The licence of a model's weights: {@code models pull} states it before downloading, writes
 * {@link #NOTE_FILE} into the model directory, and jobs record {@link #id} in every metadata row.
 *
 * @param id the short name recorded in the {@code model_license} column
 * @param notice what the user must know, in one paragraph
 */
public record ModelLicense(String id, String notice) {
  /** The licence note {@code models pull} writes beside the model files. */
  public static final String NOTE_FILE = "MODEL_LICENSE.txt";

  /** Coqui Public Model License 1.0.0, under which Coqui published the XTTS v2 weights. */
  public static final ModelLicense COQUI_CPML =
      new ModelLicense(
          "CPML-1.0",
          "The XTTS v2 weights are under the Coqui Public Model License 1.0.0"
              + " (https://coqui.ai/cpml): non-commercial use only. Audio made with them inherits"
              + " that restriction; the ONNX export's own code is Apache-2.0.");

  /** The DNSMOS models: the DNS-Challenge repository publishes its non-code files under CC BY 4.0. */
  public static final ModelLicense DNSMOS_CC_BY =
      new ModelLicense(
          "CC-BY-4.0",
          "The DNSMOS models (Microsoft, DNS-Challenge repository) are under Creative Commons"
              + " Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/): credit"
              + " Reddy, Gopal, Cutler, \"DNSMOS P.835\", ICASSP 2022, and \"DNSMOS\", ICASSP 2021;"
              + " the repository's code is MIT.");

  /** Silero VAD: MIT; the licence text (LICENSE beside the model) must travel with it. */
  public static final ModelLicense SILERO_MIT =
      new ModelLicense(
          "MIT",
          "Silero VAD (Silero Team) is under the MIT License; keep its LICENSE file with the model.");
}
