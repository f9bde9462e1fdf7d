package dev.voicegen.audio.measure;

import java.io.Serializable;

/**
 * Measurement-grade analysis of one clip (specs/voice-samples.md, "Measurement-grade analysis").
 * Every value is null when it cannot be measured on the clip (too short, or digital silence).
 *
 * @param integratedLufs integrated loudness, ITU-R BS.1770-4 ({@link LoudnessMeter})
 * @param truePeakDbtp true peak, dBTP ({@link TruePeakMeter})
 * @param samplePeakDbfs sample peak, dBFS
 * @param snrDb blind SNR estimate by WADA-SNR, dB in [-20, 100] ({@link WadaSnr})
 * @param clippedRatio share of samples in clipped runs, [0, 1] ({@link ClippingDetector})
 * @param clippedDurationS seconds in which some channel is clipped
 * @param speechRatio share of frames with speech, [0, 1] ({@link SpeechActivity})
 * @param dcOffset signed mean of all samples, full scale 1.0 ({@link DcOffset})
 * @param bandwidthHz effective bandwidth ({@link BandwidthEstimator})
 */
public record MeasuredAnalysis(
    Double integratedLufs,
    Double truePeakDbtp,
    Double samplePeakDbfs,
    Double snrDb,
    Double clippedRatio,
    Double clippedDurationS,
    Double speechRatio,
    Double dcOffset,
    Double bandwidthHz)
    implements Serializable {}
