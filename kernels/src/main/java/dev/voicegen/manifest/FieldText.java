package dev.voicegen.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;

/**
 * How a typed manifest value (JSON Lines, Parquet) becomes a row's text. Strings are taken as they
 * are; binary Parquet values without a UTF8 annotation when they are valid UTF-8; numbers as their
 * canonical decimal ({@code 7}, {@code 7.0} and {@code 7e0} are all {@code 7}, {@code 0.50} is
 * {@code 0.5}), the same from every format, so that {@code "id": 7} and an int64 id column name the
 * same file {@code 7.wav} as the CSV text {@code 7}. Anything else (objects, arrays, booleans,
 * nested Parquet groups, binary that is not UTF-8) is not text: {@link #problem} says what it is,
 * and {@link RowRules} rejects a row whose string key holds one.
 *
 * @param text the value as text; null when it is not text
 * @param problem what the value is instead, e.g. "a JSON object"; null when it is text
 */
public record FieldText(String text, String problem) {

  static FieldText of(String text) {
    return new FieldText(text, null);
  }

  static FieldText not(String what) {
    return new FieldText(null, what);
  }

  /** A JSON value (not null). */
  static FieldText ofJson(JsonNode v) {
    if (v.isTextual()) {
      return of(v.textValue());
    }
    if (v.isNumber()) {
      return of(canonical(v.decimalValue()));
    }
    if (v.isObject()) {
      return not("a JSON object");
    }
    if (v.isArray()) {
      return not("a JSON array");
    }
    if (v.isBoolean()) {
      return not("a JSON boolean");
    }
    return not("a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** A value of an Avro record read from Parquet (not null). */
  static FieldText ofParquet(Object v) {
    if (v instanceof CharSequence s) {
      return of(s.toString());
    }
    if (v instanceof ByteBuffer b) {
      return utf8(b.duplicate());
    }
    if (v instanceof GenericFixed f) {
      return utf8(ByteBuffer.wrap(f.bytes()));
    }
    if (v instanceof Integer || v instanceof Long) {
      return of(v.toString());
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? of(canonical(new BigDecimal(Float.toString(f)))) : not("the number " + f);
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? of(canonical(BigDecimal.valueOf(d))) : not("the number " + d);
    }
    if (v instanceof BigDecimal d) {
      return of(canonical(d));
    }
    if (v instanceof Boolean) {
      return not("a boolean");
    }
    if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
      return not("a Parquet list or map");
    }
    if (v instanceof GenericContainer c && c.getSchema().getType() == org.apache.avro.Schema.Type.ENUM) {
      return of(v.toString());
    }
    if (v instanceof GenericContainer) {
      return not("a nested Parquet group");
    }
    return not("a " + v.getClass().getSimpleName());
  }

  /** Plain binary (no UTF8 annotation) is text only when it is valid UTF-8. */
  private static FieldText utf8(ByteBuffer bytes) {
    try {
      return of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes)
              .toString());
    } catch (CharacterCodingException e) {
      return not("binary that is not valid UTF-8");
    }
  }

  /** The shortest plain decimal of a number: no exponent, no trailing zeros after the point. */
  static String canonical(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
