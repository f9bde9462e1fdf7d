/**
 * Signal-processing kernels shared by the feature extractors and the synthesis engines: sample-rate
 * conversion (polyphase Kaiser-windowed sinc). Plain Java, no Beam.
 */
package dev.voicegen.audio.dsp;
