package io.aispine.llm;

/**
 * A model's answer to one call and what it consumed.
 *
 * @param model the model that answered, as the provider names it
 */
public record ChatReply(String text, String model, long promptTokens, long completionTokens) {}
