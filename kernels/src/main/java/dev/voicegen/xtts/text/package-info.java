/**
 * The XTTS v2 text front end: normalisation ({@link dev.voicegen.xtts.text.TextNormalizer}),
 * sentence splitting ({@link dev.voicegen.xtts.text.SentenceSplitter}) and BPE tokenisation
 * ({@link dev.voicegen.xtts.text.XttsTokenizer}), joined by
 * {@link dev.voicegen.xtts.text.TextPieces}; a Java port of Coqui TTS's
 * TTS/tts/layers/xtts/tokenizer.py on ICU4J and DJL tokenizers. No Beam imports.
 */
package dev.voicegen.xtts.text;
