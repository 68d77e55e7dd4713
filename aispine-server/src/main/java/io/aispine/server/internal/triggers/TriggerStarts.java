package io.aispine.server.internal.triggers;

import io.aispine.engine.Engine;
import io.aispine.expr.Templates;
import io.aispine.flow.Flow;
import io.aispine.flow.Trigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the execution of a fire. Each fire has one execution id, derived from what identifies it
 * (a schedule's instant, a webhook's delivery, the end of a watched execution), and the engine
 * starts an id once: a fire repeated after a crash, a redelivery or a second server starts nothing
 * new.
 */
public final class TriggerStarts {

  private final Engine engine;

  public TriggerStarts(Engine engine) {
    this.engine = engine;
  }

  /** The outcome of a fire: its execution, and whether this call started it. */
  public record Started(String executionId, boolean started) {}

  /**
   * Resolves the trigger's inputs against {@code names} (plus {@code trigger}) and starts the flow
   * under the id derived from {@code fireKey}, once.
   *
   * @throws io.aispine.expr.ExpressionException when an input template fails
   * @throws io.aispine.engine.InvalidInputsException when the inputs do not fit the flow
   * @throws io.aispine.engine.RunRefusedException when the gate refuses (panic mode)
   */
  public Started fire(Flow flow, Trigger trigger, String fireKey, Map<String, Object> names) {
    String id = executionId(flow.id() + "." + trigger.id() + "|" + fireKey);
    if (engine.execution(id).isPresent()) {
      return new Started(id, false);
    }
    var scope = new LinkedHashMap<String, Object>(names);
    var about = new LinkedHashMap<String, Object>();
    about.put("id", trigger.id());
    about.put("name", flow.id() + "." + trigger.id());
    about.put("kind", trigger.kind());
    @SuppressWarnings("unchecked")
    var extra = (Map<String, Object>) names.getOrDefault("trigger", Map.of());
    about.putAll(extra);
    scope.put("trigger", about);
    @SuppressWarnings("unchecked")
    var inputs = (Map<String, Object>) Templates.resolve(trigger.inputs(), scope);
    // HashMap: a template may yield null, which the engine reports as a wrong type
    boolean started = engine.startOnce(flow, new HashMap<>(inputs), id);
    return new Started(id, started);
  }

  /** The execution id of a fire: {@code ex_} and 26 hex digits of the SHA-256 of its key. */
  static String executionId(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "ex_" + java.util.HexFormat.of().formatHex(digest).substring(0, 26);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
