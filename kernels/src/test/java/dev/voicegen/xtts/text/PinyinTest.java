package dev.voicegen.xtts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pypinyin's TONE3 style with neutral tone 5, from pinyin4j's per-character readings. */
class PinyinTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "你好 | ni3hao3",
        // ü is written v, as pypinyin's TONE3 style does
        "女儿 | nv3er2",
        "绿 | lv4",
        // the neutral-tone particle carries a 5
        "吃了 | chi1le5",
        // what is not Han stays as it is, full-width punctuation and Latin letters included
        "你好，world！ | ni3hao3，world！",
        // beyond the Basic Multilingual Plane pinyin4j has no reading: the character stays
        "\uD840\uDC00 | \uD840\uDC00",
      })
  void writesToneNumberedPinyin(String chinese, String pinyin) {
    assertEquals(pinyin, Pinyin.of(chinese));
  }
}
