package io.aispine.standin.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message the business sent through the stand-in, as {@code POST /{phone-number-id}/messages}
 * received it.
 *
 * @param id the {@code wamid.…} the stand-in answered with
 * @param to the recipient
 * @param type {@code text}, {@code template} or {@code interactive}
 * @param text the text body, the interactive body, or the template's name
 * @param body the whole request body
 */
public record SentMessage(String id, String to, String type, String text, JsonNode body) {}
