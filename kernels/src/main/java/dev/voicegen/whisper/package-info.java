/**
 * Whisper speech recognition on ONNX Runtime (specs/whisper-onnx.md): a Hugging Face ONNX model
 * directory ({@link dev.voicegen.whisper.WhisperModel}), batched greedy transcription with a KV
 * cache ({@link dev.voicegen.whisper.WhisperTranscriber}) and the error rates of a round-trip check
 * ({@link dev.voicegen.whisper.ErrorRates}). Plain Java, no Beam.
 */
package dev.voicegen.whisper;
