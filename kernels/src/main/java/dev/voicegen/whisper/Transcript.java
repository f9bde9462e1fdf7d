package dev.voicegen.whisper;

/**
 * One clip's transcription.
 *
 * @param text the decoded text of every window, special tokens skipped, windows joined by a space
 * @param language the language code used ({@code "en"}), given or detected
 * @param tokens the generated text tokens of every window in order (no prompt, no <|endoftext|>)
 * @param steps decoder steps over all windows: one per generated token, <|endoftext|> included
 */
public record Transcript(String text, String language, int[] tokens, int steps) {}
