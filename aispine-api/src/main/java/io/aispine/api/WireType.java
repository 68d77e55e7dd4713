package io.aispine.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a record appears among the OpenAPI document's schemas. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireType {

  /** The schema's name; the record's simple name when empty. */
  String name() default "";

  /** True for a request body: the server refuses unknown fields ({@code additionalProperties}). */
  boolean request() default false;
}
