package io.aispine.store.jdbc.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.Usage;
import io.aispine.store.AgentDetails;
import io.aispine.store.StoreException;
import io.aispine.store.WriteRejectedException;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's records and JSON-like values into JSON text and back, exactly: instants and
 * durations as ISO-8601 text (nanoseconds kept), statuses as enum names, object keys in order.
 */
public final class JsonCodec {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /**
   * Records are read and written through their components only (fields), never through methods, so
   * a convenience method added to a record later (an {@code isX()}) cannot leak into stored JSON.
   */
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .visibility(PropertyAccessor.ALL, Visibility.NONE)
          .visibility(PropertyAccessor.FIELD, Visibility.ANY)
          .build();

  /** The value as JSON text, or null for null. */
  public String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new WriteRejectedException(
          "cannot store a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * The mapper for the executions row: the state without its node states, which have rows of their
   * own (see {@link #state(String, List)}).
   */
  private final ObjectMapper withoutNodes =
      mapper.copy().addMixIn(ExecutionState.class, NoNodes.class);

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "nodes", allowSetters = true)
  private abstract static class NoNodes {}

  /** An execution state read back from {@link #write}. */
  public ExecutionState state(String json) {
    return read(json, ExecutionState.class);
  }

  /** The state as JSON text without its node states. */
  public String stateWithoutNodes(ExecutionState state) {
    try {
      return withoutNodes.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new WriteRejectedException(
          "cannot store execution " + state.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * An execution state from its row written by {@link #stateWithoutNodes} and its node rows (path
   * and JSON), in the order the nodes became known.
   */
  public ExecutionState state(String json, List<Map.Entry<String, String>> nodeRows) {
    try {
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
      if (!nodeRows.isEmpty() || !tree.has("nodes")) {
        var nodes = tree.putObject("nodes");
        for (Map.Entry<String, String> row : nodeRows) {
          nodes.set(row.getKey(), mapper.readTree(row.getValue()));
        }
      }
      return mapper.treeToValue(tree, ExecutionState.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored execution state is not readable: " + e.getMessage(), e);
    }
  }

  /** A node attempt to run read back from {@link #write}. */
  public Command.RunTask runTask(String json) {
    return read(json, Command.RunTask.class);
  }

  /** An error read back from {@link #write}, or null. */
  public ErrorInfo error(String json) {
    return read(json, ErrorInfo.class);
  }

  /** Usage read back from {@link #write}, or null. */
  public Usage usage(String json) {
    return read(json, Usage.class);
  }

  /** An agent version's manifest details read back from {@link #write}, or null. */
  public AgentDetails agentDetails(String json) {
    return read(json, AgentDetails.class);
  }

  /** A JSON-like value (Map, List, String, Number, Boolean) or null. */
  public Object value(String json) {
    return read(json, Object.class);
  }

  /** A JSON object as an ordered map; empty for null. */
  public Map<String, Object> object(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return mapper.readValue(json, OBJECT);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    }
  }

  private <T> T read(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    }
  }

  private static StoreException unreadable(JsonProcessingException e) {
    return new StoreException(
        "stored JSON cannot be read (was it written by a newer AI Spine?): "
            + e.getOriginalMessage(),
        e);
  }
}
