package dev.voicegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowRulesTest {
  private static final SamplePathResolver RESOLVER = value -> "/data/" + value;

  private static RowRules.Validated validate(String id, String text, String wav, String lang, String speaker) {
    Map<String, String> f = new HashMap<>();
    if (id != null) f.put("id", id);
    if (text != null) f.put("text", text);
    if (wav != null) f.put("speaker_wav", wav);
    if (lang != null) f.put("language", lang);
    if (speaker != null) f.put("speaker_id", speaker);
    return RowRules.validate(RawRow.parsed("m.csv:2", "raw", f), RESOLVER);
  }

  @Test
  void validRowIsResolvedWithDefaults() {
    ManifestEntry e = validate("row-1", "Hello.", "voices/Ann Smith.wav", null, null).entry();
    assertEquals("en", e.language());
    assertEquals("/data/voices/Ann Smith.wav", e.speakerWav());
    assertEquals("Ann_Smith", e.speakerId());
    assertEquals("m.csv:2", e.source());
  }

  @Test
  void aliasesOfSpeakerWavAreAccepted() {
    Map<String, String> f = new HashMap<>(Map.of("id", "a", "text", "t", "audio_filepath", "x.flac"));
    assertEquals("/data/x.flac", RowRules.validate(RawRow.parsed("s", "r", f), RESOLVER).entry().speakerWav());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, t, x.wav, en, NULL, missing_id",
        "'  ', t, x.wav, en, NULL, missing_id",
        "bad id, t, x.wav, en, NULL, invalid_id",
        "../x, t, x.wav, en, NULL, invalid_id",
        "-x, t, x.wav, en, NULL, invalid_id",
        "a, NULL, x.wav, en, NULL, missing_text",
        "a, '   ', x.wav, en, NULL, empty_text",
        "a, t, NULL, en, NULL, missing_speaker_wav",
        "a, t, x.wav, xx, NULL, unsupported_language",
        "a, t, x.wav, en, ../up, invalid_speaker_id",
      })
  void invalidRowsNameTheirProblem(String id, String text, String wav, String lang, String speaker, String expected) {
    RowRules.Validated v = validate(id, text, wav, lang, speaker);
    assertNull(v.entry());
    assertEquals(expected, v.rejection().errorClass());
  }

  @Test
  void idRuleAllowsDotsDashesUnderscoresUpTo128() {
    assertEquals("a.b_c-1", validate("a.b_c-1", "t", "x.wav", "en", null).entry().id());
    assertEquals("invalid_id", validate("a".repeat(129), "t", "x.wav", "en", null).rejection().errorClass());
    assertEquals("a".repeat(128), validate("a".repeat(128), "t", "x.wav", "en", null).entry().id());
  }

  @Test
  void languageIsCaseInsensitive() {
    assertEquals("zh-cn", validate("a", "t", "x.wav", "ZH-CN", null).entry().language());
  }

  @Test
  void speakerIdFromAnyFileNameIsPathSafe() {
    assertEquals("s.hidden", RowRules.speakerIdFromPath("/x/.hidden.wav"));
    assertEquals("s.._x", RowRules.speakerIdFromPath("/x/.._x.wav"));
    assertEquals("Ann_s_voice_", RowRules.speakerIdFromPath("/x/Ann's voice!.wav"));
    assertEquals("voice", RowRules.speakerIdFromPath("s3://bucket/dir/voice.flac"));
  }
}
