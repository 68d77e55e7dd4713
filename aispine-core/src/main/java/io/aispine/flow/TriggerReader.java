package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a flow's {@code triggers:} list, reporting each problem at its line and column. */
final class TriggerReader {

  static final List<String> KINDS = List.of("schedule", "webhook", "event");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
  private static final List<String> COMMON = List.of("id", "type", "inputs");
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "schedule", List.of("cron", "timezone", "missed", "max_catch_up", "concurrency"),
          "webhook", List.of("secret", "signature", "idempotency_key"),
          "event", List.of("flow", "status"));

  /** The names a trigger's templates may start with, by kind. */
  static final Map<String, List<String>> ROOTS =
      Map.of(
          "schedule", List.of("trigger"),
          "webhook", List.of("trigger", "payload", "headers"),
          "event", List.of("trigger", "outputs", "execution"));

  private final TreeReader reader;
  private final ProblemList problems;

  TriggerReader(TreeReader reader) {
    this.reader = reader;
    this.problems = reader.problems();
  }

  /** An unmodifiable copy of a trigger's inputs that keeps their order and null values. */
  static Map<String, Object> frozen(Map<String, Object> inputs) {
    return inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** The triggers of {@code value} (the {@code triggers} field); empty when absent or invalid. */
  List<Trigger> read(JsonNode value, Collection<String> inputNames) {
    var triggers = new ArrayList<Trigger>();
    if (value == null || value.isNull()) {
      return triggers;
    }
    if (!value.isArray()) {
      problems.value(
          "/triggers", "triggers must be a list of triggers, got " + TreeReader.show(value));
      return triggers;
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < value.size(); i++) {
      String pointer = LocatedYaml.child("/triggers", i);
      Trigger trigger = readOne(value.get(i), pointer, i, inputNames);
      JsonNode id = value.get(i).get("id");
      if (id != null && id.isTextual() && !seen.add(id.textValue())) {
        problems.value(
            pointer + "/id",
            "trigger '" + id.textValue() + "' is declared twice; give each trigger its own id");
      } else if (trigger != null) {
        triggers.add(trigger);
      }
    }
    return triggers;
  }

  private Trigger readOne(
      JsonNode value, String pointer, int index, Collection<String> inputNames) {
    ObjectNode node = reader.mapping(value, pointer, "trigger " + index);
    if (node == null) {
      return null;
    }
    String id = reader.text(node, pointer, "id", "trigger " + index);
    String owner = id == null ? "trigger " + index : "trigger '" + id + "'";
    reader.require(node, pointer, "id", owner);
    if (id != null && !ID.matcher(id).matches()) {
      problems.value(
          pointer + "/id",
          owner
              + ": id must start with a lowercase letter and use only lowercase letters, digits,"
              + " '_' and '-'");
      id = null;
    }
    if (!reader.require(node, pointer, "type", owner)) {
      return null;
    }
    String kind = reader.text(node, pointer, "type", owner);
    if (kind == null) {
      return null;
    }
    if (!KINDS.contains(kind)) {
      problems.value(
          pointer + "/type",
          owner
              + ": unknown trigger type '"
              + kind
              + "'"
              + DidYouMean.hint(kind, KINDS)
              + "; a trigger is a schedule, webhook or event");
      return null;
    }
    var allowed = new ArrayList<>(COMMON);
    allowed.addAll(FIELDS.get(kind));
    reader.rejectUnknownFields(node, pointer, allowed, owner);
    Map<String, Object> inputs = readInputs(node, pointer, owner, inputNames);
    int before = problems.size();
    Trigger trigger =
        switch (kind) {
          case "schedule" -> schedule(node, pointer, owner, id, inputs);
          case "webhook" -> webhook(node, pointer, owner, id, inputs);
          default -> event(node, pointer, owner, id, inputs);
        };
    return problems.size() == before && id != null && inputs != null ? trigger : null;
  }

  private Map<String, Object> readInputs(
      ObjectNode node, String pointer, String owner, Collection<String> inputNames) {
    JsonNode value = node.get("inputs");
    if (value == null || value.isNull()) {
      return Map.of();
    }
    ObjectNode mapping = reader.mapping(value, pointer + "/inputs", owner + ": inputs");
    if (mapping == null) {
      return null;
    }
    for (var names = mapping.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!inputNames.contains(name)) {
        problems.key(
            LocatedYaml.child(pointer + "/inputs", name),
            owner
                + ": the flow declares no input '"
                + name
                + "'"
                + DidYouMean.hint(name, inputNames)
                + "; a trigger fills the flow's declared inputs");
      }
    }
    @SuppressWarnings("unchecked")
    var plain = (Map<String, Object>) TreeReader.plain(mapping);
    return plain;
  }

  private ScheduleTrigger schedule(
      ObjectNode node, String pointer, String owner, String id, Map<String, Object> inputs) {
    String cron = null;
    if (reader.require(node, pointer, "cron", owner)) {
      cron = reader.text(node, pointer, "cron", owner);
      try {
        ScheduleTrigger.parse(cron);
      } catch (IllegalArgumentException e) {
        problems.value(pointer + "/cron", owner + ": " + e.getMessage());
      }
    }
    ZoneId zone = ZoneId.of("UTC");
    String zoneName = reader.text(node, pointer, "timezone", owner);
    if (zoneName != null) {
      try {
        zone = ZoneId.of(zoneName);
      } catch (DateTimeException e) {
        problems.value(
            pointer + "/timezone",
            owner
                + ": unknown time zone '"
                + zoneName
                + "'; use a region id like Europe/Paris or America/New_York, or UTC");
      }
    }
    var missed =
        choice(node, pointer, "missed", owner, ScheduleTrigger.MissedFires.class, "run_once");
    int cap = ScheduleTrigger.DEFAULT_CATCH_UP;
    JsonNode max = node.get("max_catch_up");
    if (max != null && !max.isNull()) {
      if (max.isIntegralNumber() && max.canConvertToInt() && max.intValue() >= 1) {
        cap = max.intValue();
      } else {
        problems.value(
            pointer + "/max_catch_up",
            owner
                + ": max_catch_up must be a whole number of at least 1, got "
                + TreeReader.show(max));
      }
    }
    String concurrency = reader.text(node, pointer, "concurrency", owner);
    if (concurrency != null && !List.of("allow", "forbid").contains(concurrency)) {
      problems.value(
          pointer + "/concurrency",
          owner
              + ": concurrency must be allow (overlapping runs) or forbid (skip a fire while the"
              + " previous run of this trigger is running), got '"
              + concurrency
              + "'");
    }
    if (cron == null || missed == null) {
      return null;
    }
    try {
      return new ScheduleTrigger(
          id == null ? "invalid" : id,
          cron,
          zone,
          missed,
          cap,
          !"forbid".equals(concurrency),
          inputs);
    } catch (IllegalArgumentException e) {
      return null; // reported above
    }
  }

  private WebhookTrigger webhook(
      ObjectNode node, String pointer, String owner, String id, Map<String, Object> inputs) {
    String secret = null;
    if (reader.require(node, pointer, "secret", owner)) {
      secret = reader.text(node, pointer, "secret", owner);
    }
    var scheme =
        choice(node, pointer, "signature", owner, WebhookTrigger.SignatureScheme.class, "standard");
    String key = reader.text(node, pointer, "idempotency_key", owner);
    if (key != null && !key.contains("${")) {
      problems.value(
          pointer + "/idempotency_key",
          owner
              + ": idempotency_key must be a ${…} template naming a header or payload field, like"
              + " \"${headers['x-request-id']}\" or \"${payload.id}\"");
    }
    if (secret == null || scheme == null) {
      return null;
    }
    return new WebhookTrigger(id == null ? "invalid" : id, secret, scheme, key, inputs);
  }

  private EventTrigger event(
      ObjectNode node, String pointer, String owner, String id, Map<String, Object> inputs) {
    String flow = null;
    if (reader.require(node, pointer, "flow", owner)) {
      flow = reader.text(node, pointer, "flow", owner);
    }
    Set<String> statuses = new LinkedHashSet<>(List.of("succeeded"));
    JsonNode status = node.get("status");
    if (status != null && !status.isNull()) {
      statuses.clear();
      List<JsonNode> items = new ArrayList<>();
      if (status.isArray()) {
        status.forEach(items::add);
      } else {
        items.add(status);
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String at =
            status.isArray() ? LocatedYaml.child(pointer + "/status", i) : pointer + "/status";
        if (item.isTextual() && EventTrigger.STATUSES.contains(item.textValue())) {
          statuses.add(item.textValue());
        } else {
          problems.value(
              at,
              owner
                  + ": status must be succeeded, failed or cancelled (or a list of them), got "
                  + TreeReader.show(item)
                  + (item.isTextual()
                      ? DidYouMean.hint(item.textValue(), EventTrigger.STATUSES)
                      : ""));
        }
      }
    }
    if (flow == null) {
      return null;
    }
    return new EventTrigger(id == null ? "invalid" : id, flow, statuses, inputs);
  }

  private <E extends Enum<E>> E choice(
      ObjectNode node, String pointer, String field, String owner, Class<E> type, String absent) {
    String text = reader.text(node, pointer, field, owner);
    String value = text == null ? absent : text;
    var names = new ArrayList<String>();
    for (E constant : type.getEnumConstants()) {
      String name = constant.name().toLowerCase(Locale.ROOT);
      names.add(name);
      if (name.equals(value)) {
        return constant;
      }
    }
    problems.value(
        pointer + "/" + field,
        owner
            + ": "
            + field
            + " must be one of "
            + String.join(", ", names)
            + ", got '"
            + value
            + "'"
            + DidYouMean.hint(value, names));
    return null;
  }
}
