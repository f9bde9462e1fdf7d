package dev.voicegen.beam;

import dev.voicegen.manifest.ManifestEntry;
import java.io.Serializable;
import java.util.List;

/**
 * Rows that share a reference sample, synthesised together.
 *
 * @param voice the preprocessed sample, with audio
 * @param rows the rows, at most the batch size
 */
public record SynthesisBatch(VoiceSample voice, List<ManifestEntry> rows) implements Serializable {}
