/**
 * The voicegen job's synthesis steps: SynthesizeSpeech (engine state per sample, rows batched by
 * language and text length), DescribeRows in its place under {@code --dryRun}, and VerifySpeech
 * (the Whisper round trip of {@code --verifyAsr}).
 */
package dev.voicegen.beam.synthesis;
