package dev.voicegen.quality;

/**
 * One clip's DNSMOS: the averages over its scored windows of the calibrated P.835 SIG, BAK and
 * OVRL, the P.808 MOS, and the raw P.835 outputs before calibration (dnsmos_local.py's SIG, BAK,
 * OVRL, P808_MOS, SIG_raw, BAK_raw, OVRL_raw).
 *
 * @param windows the windows averaged (see {@link DnsmosWindows} for which)
 */
public record DnsmosScore(
    double sig, double bak, double ovrl, double p808, double sigRaw, double bakRaw, double ovrlRaw, int windows) {}
