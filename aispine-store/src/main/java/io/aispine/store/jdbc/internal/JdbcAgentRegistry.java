package io.aispine.store.jdbc.internal;

import io.aispine.store.AgentConflictException;
import io.aispine.store.AgentDeprecation;
import io.aispine.store.AgentDetails;
import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Registered HTTP agents in the {@code agents} table; a registered version's URL and manifest never
 * change, only its deprecation does.
 */
public final class JdbcAgentRegistry implements AgentRegistry {

  private static final String COLUMNS =
      "name, version, url, description, secret, created_at, manifest, deprecated_at,"
          + " deprecation_reason";
  private static final Comparator<RegisteredAgent> BY_NAME_THEN_VERSION =
      Comparator.comparing(RegisteredAgent::name)
          .thenComparing(a -> Semver.parse(a.version()), Comparator.nullsFirst(Semver::compareTo));

  private final ConnectionPools pools;
  private final JsonCodec json;
  private final JdbcAuditLog audit;

  /** A registry over the given pools, with manifests as JSON through {@code json}. */
  public JdbcAgentRegistry(ConnectionPools pools, JsonCodec json, JdbcAuditLog audit) {
    this.audit = audit;
    this.pools = pools;
    this.json = json;
  }

  @Override
  public RegisteredAgent register(RegisteredAgent agent) {
    if (Semver.parse(agent.version()) == null) {
      throw new IllegalArgumentException(
          "agent version '" + agent.version() + "' is not a semantic version like 1.2.0");
    }
    // The primary key decides, not a prior check: two concurrent registrations cannot both insert.
    int inserted;
    try (Connection connection = pools.writer().getConnection();
        AuditedTransaction transaction = audit.begin(connection);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO agents ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, version) DO NOTHING")) {
      insert.setString(1, agent.name());
      insert.setString(2, agent.version());
      insert.setString(3, agent.url());
      insert.setString(4, agent.description());
      insert.setString(5, agent.secret());
      Timestamps.set(insert, 6, agent.createdAt());
      insert.setString(
          7, agent.details().equals(AgentDetails.NONE) ? null : json.write(agent.details()));
      AgentDeprecation deprecation = agent.deprecation();
      Timestamps.set(insert, 8, deprecation == null ? null : deprecation.at());
      insert.setString(9, deprecation == null ? null : deprecation.reason());
      inserted = insert.executeUpdate();
      transaction.commit(inserted);
    } catch (SQLException e) {
      throw SqlErrors.translate("registering agent " + agent, e);
    }
    if (inserted == 1) {
      return agent;
    }
    RegisteredAgent stored = find(agent.name(), agent.version()).orElseThrow();
    if (!stored.url().equals(agent.url())) {
      throw new AgentConflictException(agent.name(), agent.version(), stored.url());
    }
    if (!stored.sameRegistration(agent)) {
      throw AgentConflictException.manifestDiffers(agent.name(), agent.version());
    }
    return stored;
  }

  @Override
  public List<RegisteredAgent> versions(String name) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM agents WHERE name = ?",
            "reading the versions of agent " + name,
            s -> s.setString(1, name),
            this::agent)
        .stream()
        .sorted(BY_NAME_THEN_VERSION)
        .toList();
  }

  @Override
  public List<RegisteredAgent> all() {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM agents",
            "reading registered agents",
            s -> {},
            this::agent)
        .stream()
        .sorted(BY_NAME_THEN_VERSION)
        .toList();
  }

  @Override
  public Optional<RegisteredAgent> deprecate(
      String name, String version, String reason, Instant at) {
    return setDeprecation(name, version, new AgentDeprecation(at, reason));
  }

  @Override
  public Optional<RegisteredAgent> undeprecate(String name, String version) {
    return setDeprecation(name, version, null);
  }

  @Override
  public boolean eraseSecret(String name, String version) {
    try (Connection connection = pools.writer().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE agents SET secret = NULL"
                    + " WHERE name = ? AND version = ? AND secret IS NOT NULL")) {
      update.setString(1, name);
      update.setString(2, version);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqlErrors.translate("erasing the secret of agent " + name + "@" + version, e);
    }
  }

  private Optional<RegisteredAgent> setDeprecation(
      String name, String version, AgentDeprecation deprecation) {
    int updated;
    try (Connection connection = pools.writer().getConnection();
        AuditedTransaction transaction = audit.begin(connection);
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE agents SET deprecated_at = ?, deprecation_reason = ?"
                    + " WHERE name = ? AND version = ?")) {
      Timestamps.set(update, 1, deprecation == null ? null : deprecation.at());
      if (deprecation == null) {
        update.setNull(2, Types.VARCHAR);
      } else {
        update.setString(2, deprecation.reason());
      }
      update.setString(3, name);
      update.setString(4, version);
      updated = update.executeUpdate();
      transaction.commit(updated);
    } catch (SQLException e) {
      throw SqlErrors.translate("changing the deprecation of agent " + name + "@" + version, e);
    }
    return updated == 0 ? Optional.empty() : find(name, version);
  }

  private Optional<RegisteredAgent> find(String name, String version) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM agents WHERE name = ? AND version = ?",
            "reading agent " + name + " version " + version,
            s -> {
              s.setString(1, name);
              s.setString(2, version);
            },
            this::agent)
        .stream()
        .findFirst();
  }

  private RegisteredAgent agent(ResultSet row) throws SQLException {
    Instant deprecatedAt = Timestamps.get(row, "deprecated_at");
    return new RegisteredAgent(
        row.getString("name"),
        row.getString("version"),
        row.getString("url"),
        row.getString("description"),
        row.getString("secret"),
        Timestamps.get(row, "created_at"),
        json.agentDetails(row.getString("manifest")),
        deprecatedAt == null
            ? null
            : new AgentDeprecation(deprecatedAt, row.getString("deprecation_reason")));
  }
}
