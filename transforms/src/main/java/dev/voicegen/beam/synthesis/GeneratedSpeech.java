package dev.voicegen.beam.synthesis;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import java.io.Serializable;

/**
 * One synthesised row on its way to WriteDataset.
 *
 * @param entry the manifest row
 * @param voice the reference sample's analysis and changes, without audio
 * @param audio the speech
 * @param engine the engine's name
 * @param engineVersion the engine's version
 * @param modelVersion the model's identity, or null
 * @param modelLicense the licence of the model's weights, or null
 * @param voiceCloned whether the audio is in the reference voice
 * @param seed the sampling seed, or null
 * @param speakerSimilarity cosine of the speaker embeddings of output and reference, or null
 * @param engineSettings settings recorded per row (column to value), e.g. sampling parameters
 * @param synthesizeMs this row's share of its batch's synthesis time
 * @param asr the Whisper round-trip check, or null without --verifyAsr
 */
public record GeneratedSpeech(
    ManifestEntry entry,
    VoiceSample voice,
    AudioClip audio,
    String engine,
    String engineVersion,
    String modelVersion,
    String modelLicense,
    boolean voiceCloned,
    Long seed,
    Double speakerSimilarity,
    java.util.Map<String, Object> engineSettings,
    double synthesizeMs,
    AsrCheck asr)
    implements Serializable {

  GeneratedSpeech withAsr(AsrCheck check) {
    return new GeneratedSpeech(
        entry, voice, audio, engine, engineVersion, modelVersion, modelLicense, voiceCloned, seed,
        speakerSimilarity,
        engineSettings, synthesizeMs, check);
  }
}
