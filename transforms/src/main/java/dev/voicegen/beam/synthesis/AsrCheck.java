package dev.voicegen.beam.synthesis;

import java.io.Serializable;

/**
 * The round-trip check of one output: what Whisper heard and how far it is from the input text.
 *
 * @param transcript Whisper's transcript of the generated audio
 * @param language the language Whisper decoded with
 * @param cer character error rate against the input text (after normalisation)
 * @param wer word error rate against the input text
 */
public record AsrCheck(String transcript, String language, double cer, double wer) implements Serializable {}
