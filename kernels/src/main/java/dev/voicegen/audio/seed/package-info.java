/**
 * The seed semantics of analyze / optimize / preprocess: a faithful Java port of the pydub 0.25
 * reference on 16-bit PCM (see specs/voice-samples.md, "Seed semantics"). Plain Java, no Beam.
 */
package dev.voicegen.audio.seed;
