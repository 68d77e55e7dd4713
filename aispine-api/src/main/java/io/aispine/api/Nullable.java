package io.aispine.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field may be JSON {@code null}; without it the field is always a value of its type. In a
 * request record it also means the field may be left out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.METHOD,
  ElementType.FIELD,
  ElementType.PARAMETER
})
public @interface Nullable {}
