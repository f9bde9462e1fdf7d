/**
 * The voicegen job's per-sample steps: FingerprintSamples (one content hash per distinct
 * reference sample), KeyRowsBySample, then AnalyzeVoice, OptimizeVoice and PreprocessVoice once
 * per distinct sample.
 */
package dev.voicegen.beam.voice;
