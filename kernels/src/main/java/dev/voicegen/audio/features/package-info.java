/**
 * Spectral front ends matched to their reference implementations: librosa 0.10 MFCC, Whisper's
 * log-mel, and the two Coqui XTTS v2 mels (see specs/voice-samples.md "Features" and
 * specs/xtts-onnx.md). All outputs are laid out [band][frame]. Plain Java, no Beam.
 */
package dev.voicegen.audio.features;
