/**
 * The wire model of the REST API v1: one record per request and response body, the RFC 9457
 * problem, and {@link io.aispine.api.ApiSchemas}, which derives the OpenAPI schemas from them. The
 * server writes these records, the Java SDK reads them, and the OpenAPI document describes them, so
 * the three cannot drift apart.
 *
 * <p>JSON names are declared on the records ({@code @JsonProperty("created_at")}), never left to a
 * mapper's naming strategy, so that any Jackson mapper reads and writes the same JSON.
 */
package io.aispine.api;
