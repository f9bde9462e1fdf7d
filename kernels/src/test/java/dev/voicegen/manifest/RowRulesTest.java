package dev.voicegen.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
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
    return RowRules.DEFAULT.validate(RawRow.parsed("m.csv:2", "raw", f), RESOLVER);
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
    assertEquals("/data/x.flac", RowRules.DEFAULT.validate(RawRow.parsed("s", "r", f), RESOLVER).entry().speakerWav());
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
        // the writer refuses '..' anywhere in an output path, so the manifest refuses it in names
        "a..b, t, x.wav, en, NULL, invalid_id",
        "a, t, x.wav, en, spk..1, invalid_speaker_id",
        // nothing speakable: zero-width and format characters, no-break and ideographic spaces,
        // punctuation and symbols only
        "a, '\u200B\u200C\u200D\u2060\uFEFF', x.wav, en, NULL, empty_text",
        "a, '\u00A0\u3000\u2007\u202F', x.wav, en, NULL, empty_text",
        "a, '...!?\u2014\u00BF\u3002', x.wav, en, NULL, empty_text",
        "a, '\u200B \u00A0 -- ***', x.wav, en, NULL, empty_text",
      })
  void invalidRowsNameTheirProblem(String id, String text, String wav, String lang, String speaker, String expected) {
    RowRules.Validated v = validate(id, text, wav, lang, speaker);
    assertNull(v.entry());
    assertEquals(expected, v.rejection().errorClass());
  }

  @ParameterizedTest
  @CsvSource({
    "'Hello.'", "'42'", "'\u4F60\u597D'", "'\u0928\u092E\u0938\u094D\u0924\u0947'",
    "'\u200BHi\u200B'", "'\u00BD'", "'\u00A0\u00A0x'"
  })
  void textWithALetterOrNumberIsSpeakable(String text) {
    assertEquals(text, validate("a", text, "x.wav", "en", null).entry().text());
  }

  @Test
  void textLimitCountsCharactersNotUtf16Units() {
    RowRules rules = RowRules.withMaxTextChars(5);
    assertNull(rules.checkText("abcde"));
    assertEquals("text_too_long", rules.checkText("abcdef").errorClass());
    // five astral characters are ten UTF-16 units and five characters
    assertNull(rules.checkText("\uD835\uDC00".repeat(5)));
    assertEquals("text_too_long", RowRules.DEFAULT.checkText("a".repeat(2001)).errorClass());
    assertNull(RowRules.DEFAULT.checkText("a".repeat(2000)));
    RowRules.Validated v = validate("long", "word ".repeat(401), "x.wav", "en", null);
    assertEquals("text_too_long", v.rejection().errorClass());
    assertTrue(v.rejection().message().contains("2005 characters"), v.rejection().message());
    assertThrows(IllegalArgumentException.class, () -> RowRules.withMaxTextChars(0));
    assertThrows(IllegalArgumentException.class, () -> RowRules.withMaxTextChars(-3));
  }

  @Test
  void everyStringKeyRefusesAValueThatIsNotText() {
    for (String key : List.of("id", "text", "speaker_wav", "speaker_audio", "audio_filepath",
        "language", "speaker_id")) {
      Map<String, String> f = new HashMap<>(Map.of("id", "a", "text", "t", "speaker_wav", "x.wav"));
      f.remove(key);
      RawRow row = RawRow.parsed("m.jsonl:1", "raw", f, Map.of(key, "a JSON object"));
      RowRules.Validated v = RowRules.DEFAULT.validate(row, RESOLVER);
      assertNull(v.entry(), key);
      assertEquals("wrong_type", v.rejection().errorClass(), key);
      assertEquals("'" + key + "' is a JSON object; it must be a string", v.rejection().message());
    }
    // a key the rules do not read may hold anything
    RawRow extra = RawRow.parsed("m.jsonl:1", "raw",
        Map.of("id", "a", "text", "t", "speaker_wav", "x.wav"), Map.of("tags", "a JSON array"));
    assertEquals("a", RowRules.DEFAULT.validate(extra, RESOLVER).entry().id());
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
    // '..' in a name is refused by the writer (PathNames.stepsOut): a derived speaker id has none
    assertEquals("s__x", RowRules.speakerIdFromPath("/x/.._x.wav"));
    assertEquals("a_b", RowRules.speakerIdFromPath("/x/a...b.wav"));
    for (String file : List.of("/x/.._x.wav", "/x/a...b.wav", "/x/..wav", "/x/....", "/x/.a..b..wav")) {
      String speaker = RowRules.speakerIdFromPath(file);
      assertTrue(RowRules.isValidId(speaker), file + " -> " + speaker);
    }
    assertEquals("Ann_s_voice_", RowRules.speakerIdFromPath("/x/Ann's voice!.wav"));
    assertEquals("voice", RowRules.speakerIdFromPath("s3://bucket/dir/voice.flac"));
  }
}
