/**
 * The XTTS v2 text front end: normalisation ({@link dev.voicegen.xtts.text.TextNormalizer}),
 * sentence splitting ({@link dev.voicegen.xtts.text.SentenceSplitter}), romanisation of Chinese,
 * Japanese and Korean ({@link dev.voicegen.xtts.text.Romanizer}) and BPE tokenisation
 * ({@link dev.voicegen.xtts.text.XttsTokenizer}), joined by
 * {@link dev.voicegen.xtts.text.TextPieces}; a Java port of Coqui TTS's
 * TTS/tts/layers/xtts/tokenizer.py (numbers as num2words says them) on ICU4J, Kuromoji (IPADIC),
 * pinyin4j and DJL tokenizers, checked against num2words goldens (TextGoldensTest). No Beam
 * imports.
 */
package dev.voicegen.xtts.text;
