package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads the fields of an {@code approval} node: message, approvers and on_timeout. */
final class ApprovalReader {

  private static final Set<String> APPROVERS_FIELDS = Set.of("roles");

  private ApprovalReader() {}

  /** The approval node, or null when it has problems (they are reported). */
  static Node read(
      TreeReader reader,
      ObjectNode node,
      String pointer,
      String owner,
      String id,
      List<String> needs,
      TriggerRule trigger,
      NodeOptions options,
      SourceLocation location) {
    ProblemList problems = reader.problems();
    int before = problems.size();
    String message = reader.text(node, pointer, "message", owner);
    List<String> roles = roles(reader, node, pointer, owner);
    ApprovalNode.OnTimeout onTimeout = onTimeout(reader, node, pointer, owner);
    if (node.hasNonNull("retry")) {
      problems.key(
          LocatedYaml.child(pointer, "retry"),
          TreeReader.prefix(owner)
              + "an approval is answered once and never retried; remove retry (timeout and"
              + " on_timeout say what happens when nobody answers)");
    }
    if (node.hasNonNull("on_timeout") && !node.hasNonNull("timeout")) {
      problems.key(
          LocatedYaml.child(pointer, "on_timeout"),
          TreeReader.prefix(owner)
              + "on_timeout applies only when the approval has a timeout; add one (timeout: 24h)"
              + " or remove on_timeout");
    }
    if (problems.size() > before
        || id == null
        || needs == null
        || trigger == null
        || options == null) {
      return null;
    }
    // Only the node's own timeout counts: defaults.timeout bounds agent attempts (seconds),
    // and an approval that silently inherited it would expire before anybody could answer.
    NodeOptions own =
        new NodeOptions(
            RetryPolicy.NONE,
            node.hasNonNull("timeout") ? options.timeout() : null,
            options.onError(),
            options.continueOnError());
    return new ApprovalNode(
        id,
        needs,
        trigger,
        own,
        location,
        message == null ? "Approve " + id + "?" : message,
        roles,
        onTimeout);
  }

  private static List<String> roles(
      TreeReader reader, ObjectNode node, String pointer, String owner) {
    JsonNode value = node.get("approvers");
    if (value == null || value.isNull()) {
      return ApprovalNode.DEFAULT_APPROVERS;
    }
    String at = LocatedYaml.child(pointer, "approvers");
    ObjectNode approvers = reader.mapping(value, at, TreeReader.prefix(owner) + "approvers");
    if (approvers == null) {
      return null;
    }
    String approversOwner = owner + " approvers";
    reader.rejectUnknownFields(approvers, at, APPROVERS_FIELDS, approversOwner);
    if (!reader.require(approvers, at, "roles", approversOwner)) {
      return null;
    }
    String rolesAt = LocatedYaml.child(at, "roles");
    JsonNode given = approvers.get("roles");
    boolean roleNames =
        given.isTextual()
            || (given.isArray()
                && java.util.stream.StreamSupport.stream(given.spliterator(), false)
                    .allMatch(JsonNode::isTextual));
    if (!roleNames) {
      reader
          .problems()
          .value(
              rolesAt,
              approversOwner
                  + ": roles must be a role or a list of roles (admin, operator), got "
                  + TreeReader.show(given));
      return null;
    }
    List<String> roles = reader.ids(approvers, at, "roles", approversOwner);
    if (roles.isEmpty()) {
      reader
          .problems()
          .value(rolesAt, approversOwner + ": roles must name at least one of admin, operator");
      return null;
    }
    boolean ok = true;
    JsonNode listed = approvers.get("roles");
    for (int i = 0; i < roles.size(); i++) {
      String role = roles.get(i);
      String rolePointer = listed.isArray() ? LocatedYaml.child(rolesAt, i) : rolesAt;
      if (role.equals(ApprovalNode.GUEST)) {
        continue; // answered through a conversation channel, not by a key
      }
      if (!ApprovalNode.ROLES.contains(role)) {
        reader
            .problems()
            .value(
                rolePointer,
                approversOwner
                    + ": unknown role '"
                    + role
                    + "'"
                    + DidYouMean.hint(role, ApprovalNode.ROLES)
                    + "; approvers may be admin, operator or guest");
        ok = false;
      } else if (!ApprovalNode.APPROVER_ROLES.contains(role)) {
        reader
            .problems()
            .value(
                rolePointer,
                approversOwner
                    + ": "
                    + role
                    + " keys only read and cannot answer approvals; use operator or admin");
        ok = false;
      }
    }
    return ok ? new ArrayList<>(new java.util.LinkedHashSet<>(roles)) : null;
  }

  private static ApprovalNode.OnTimeout onTimeout(
      TreeReader reader, ObjectNode node, String pointer, String owner) {
    JsonNode value = node.get("on_timeout");
    if (value == null || value.isNull()) {
      return ApprovalNode.OnTimeout.REJECT;
    }
    ApprovalNode.OnTimeout parsed =
        value.isTextual() ? ApprovalNode.OnTimeout.fromYaml(value.textValue()) : null;
    if (parsed != null) {
      return parsed;
    }
    List<String> names =
        Arrays.stream(ApprovalNode.OnTimeout.values())
            .map(ApprovalNode.OnTimeout::yamlName)
            .toList();
    reader
        .problems()
        .value(
            LocatedYaml.child(pointer, "on_timeout"),
            TreeReader.prefix(owner)
                + "on_timeout must be one of "
                + String.join(", ", names)
                + ", got "
                + TreeReader.show(value)
                + DidYouMean.hint(value.isTextual() ? value.textValue() : "", names));
    return null;
  }
}
