/**
 * Non-intrusive speech quality models, computed as their reference procedures compute them:
 * DNSMOS P.835 / P.808 ({@link dev.voicegen.quality.DnsmosModel}, Microsoft's
 * {@code DNSMOS/dnsmos_local.py}) and Silero VAD v5 ({@link dev.voicegen.quality.SileroVad}, the
 * silero-vad package's {@code get_speech_timestamps}). Plain Java on ONNX Runtime, no Beam: one
 * loaded {@link dev.voicegen.quality.QualityModels} per JVM scores a list of clips at once.
 */
package dev.voicegen.quality;
