package dev.voicegen.pipeline.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Checks of option values that Beam's parser lets through or reports badly: a malformed number
 * ({@code --batchSize=abc}) becomes one line naming the option and the type it expects, instead of
 * a Jackson message naming neither; NaN and infinities, which Java parses as numbers, are refused
 * for every number option, since no setting means them (--outputLufs=NaN made every output silent).
 */
public final class OptionValues {
  private OptionValues() {}

  /**
   * Checks each {@code --name=value} whose option {@code options} declares as a number or a
   * boolean, before Beam parses it.
   *
   * @throws ConfigurationException naming the first bad option
   */
  public static void checkSyntax(Iterable<String> args, Class<? extends PipelineOptions> options) {
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        continue;
      }
      String name = a.substring(2, eq);
      if (name.isEmpty()) {
        continue;
      }
      String value = a.substring(eq + 1).strip();
      Optional<Class<?>> type = getter(options, name).map(Method::getReturnType);
      if (type.isPresent()) {
        String expected = problem(type.get(), value);
        if (expected != null) {
          throw new ConfigurationException("--" + name + "=" + value + ": expected " + expected);
        }
      }
    }
  }

  /**
   * Refuses a NaN or infinite value in any floating-point option of {@code type}, however it was
   * set (command line, --config file or code).
   *
   * @throws ConfigurationException naming the option
   */
  public static void requireFinite(PipelineOptions options, Class<? extends PipelineOptions> type) {
    PipelineOptions view = options.as(type);
    for (Method m : type.getMethods()) {
      Class<?> r = m.getReturnType();
      boolean floating = r == double.class || r == float.class || r == Double.class || r == Float.class;
      if (!floating || m.getParameterCount() != 0 || !m.getName().startsWith("get")) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(view);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue; // not an option getter
      }
      if (value != null && !Double.isFinite(((Number) value).doubleValue())) {
        throw new ConfigurationException(
            "--" + property(m) + "=" + value + ": expected a finite number");
      }
    }
  }

  /** What the value should have been, or null when it parses as {@code type}. */
  private static String problem(Class<?> type, String value) {
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == double.class || type == Double.class || type == float.class
          || type == Float.class) {
        double d = Double.parseDouble(value);
        if (!Double.isFinite(d) || type != double.class && type != Double.class
            && !Float.isFinite((float) d)) {
          return "a finite number";
        }
      } else if (type == boolean.class || type == Boolean.class) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          return "true or false";
        }
      }
      return null;
    } catch (NumberFormatException e) {
      return type == int.class || type == Integer.class
          ? "a whole number (int, up to " + Integer.MAX_VALUE + ")"
          : type == long.class || type == Long.class ? "a whole number (long)" : "a number";
    }
  }

  private static Optional<Method> getter(Class<?> type, String property) {
    String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() == 0
          && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static String property(Method getter) {
    String n = getter.getName().substring(3);
    return Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }
}
