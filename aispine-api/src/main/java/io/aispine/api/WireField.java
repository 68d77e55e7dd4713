package io.aispine.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Constraints of a field beyond its Java type, as the OpenAPI document states them. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface WireField {

  /** The values a string may take; any when empty. */
  String[] values() default {};

  /** The lowest number allowed; none when {@link Long#MIN_VALUE}. */
  long minimum() default Long.MIN_VALUE;

  /** The highest number allowed; none when {@link Long#MAX_VALUE}. */
  long maximum() default Long.MAX_VALUE;

  /** The longest string allowed; none when negative. */
  int maxLength() default -1;

  /** A JSON Schema {@code format} such as {@code uri}; none when empty. */
  String format() default "";

  /** True when the server takes the field but never answers with it (a secret). */
  boolean writeOnly() default false;

  /** What the field means, for the OpenAPI document; none when empty. */
  String description() default "";
}
