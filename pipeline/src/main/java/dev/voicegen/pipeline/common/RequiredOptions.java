package dev.voicegen.pipeline.common;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Beam's {@link Validation.Required} on a job's options, checked with the project's one-line error
 * instead of Beam's multi-line one: a required option that is missing or blank stops the job at
 * start, naming the flag and what it is for.
 */
public final class RequiredOptions {
  private RequiredOptions() {}

  /** @throws ConfigurationException for the first (by name) required option of {@code type} not given */
  public static void check(PipelineOptions options, Class<? extends PipelineOptions> type) {
    Method[] getters = type.getMethods();
    Arrays.sort(getters, Comparator.comparing(Method::getName));
    PipelineOptions view = options.as(type);
    for (Method getter : getters) {
      if (!getter.isAnnotationPresent(Validation.Required.class) || getter.getParameterCount() != 0) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(view);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read option " + getter.getName(), e);
      }
      if (value == null || value.toString().isBlank()) {
        String flag = "--" + Introspector.decapitalize(getter.getName().substring(3));
        Description d = getter.getAnnotation(Description.class);
        throw new ConfigurationException(flag + " is required" + (d == null ? "" : ": " + d.value()));
      }
    }
  }
}
