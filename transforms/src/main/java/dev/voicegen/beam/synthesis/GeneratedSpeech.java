package dev.voicegen.beam.synthesis;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import dev.voicegen.synth.AttemptScores;
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
 * @param earlier the scores of the attempts before this one ({@code --attempts}), oldest first
 * @param scores this attempt's scores (DNSMOS, speaker similarity, CER) and the gates it missed,
 *     once ScoreSpeech has run; null before, and for --dryRun rows
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
    AsrCheck asr,
    java.util.List<AttemptScores> earlier,
    AttemptScores scores)
    implements Serializable {

  public GeneratedSpeech {
    earlier = java.util.List.copyOf(earlier);
  }

  /** Which attempt at the row this is, from 1. */
  public int attempt() {
    return earlier.size() + 1;
  }

  /** Every attempt's scores, this one last; empty before scoring. */
  public java.util.List<AttemptScores> allAttempts() {
    java.util.List<AttemptScores> all = new java.util.ArrayList<>(earlier);
    if (scores != null) {
      all.add(scores);
    }
    return all;
  }

  GeneratedSpeech withAsr(AsrCheck check) {
    return new GeneratedSpeech(
        entry, voice, audio, engine, engineVersion, modelVersion, modelLicense, voiceCloned, seed,
        speakerSimilarity,
        engineSettings, synthesizeMs, check, earlier, scores);
  }

  GeneratedSpeech withScores(AttemptScores attemptScores) {
    return new GeneratedSpeech(
        entry, voice, audio, engine, engineVersion, modelVersion, modelLicense, voiceCloned, seed,
        speakerSimilarity,
        engineSettings, synthesizeMs, asr, earlier, attemptScores);
  }
}
