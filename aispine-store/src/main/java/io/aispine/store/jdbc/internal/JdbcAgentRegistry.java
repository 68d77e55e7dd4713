package io.aispine.store.jdbc.internal;

import io.aispine.store.AgentConflictException;
import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/** Registered HTTP agents in the {@code agents} table; a registered version never changes. */
public final class JdbcAgentRegistry implements AgentRegistry {

  private static final String COLUMNS = "name, version, url, description, secret, created_at";
  private static final Comparator<RegisteredAgent> BY_NAME_THEN_VERSION =
      Comparator.comparing(RegisteredAgent::name)
          .thenComparing(a -> Semver.parse(a.version()), Comparator.nullsFirst(Semver::compareTo));

  private final ConnectionPools pools;

  /** A registry over the given pools. */
  public JdbcAgentRegistry(ConnectionPools pools) {
    this.pools = pools;
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
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO agents ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, version) DO NOTHING")) {
      insert.setString(1, agent.name());
      insert.setString(2, agent.version());
      insert.setString(3, agent.url());
      insert.setString(4, agent.description());
      insert.setString(5, agent.secret());
      Timestamps.set(insert, 6, agent.createdAt());
      inserted = insert.executeUpdate();
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
    return stored;
  }

  @Override
  public List<RegisteredAgent> versions(String name) {
    return Query.list(
            pools.reader(),
            "SELECT " + COLUMNS + " FROM agents WHERE name = ?",
            "reading the versions of agent " + name,
            s -> s.setString(1, name),
            JdbcAgentRegistry::agent)
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
            JdbcAgentRegistry::agent)
        .stream()
        .sorted(BY_NAME_THEN_VERSION)
        .toList();
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
            JdbcAgentRegistry::agent)
        .stream()
        .findFirst();
  }

  private static RegisteredAgent agent(ResultSet row) throws SQLException {
    return new RegisteredAgent(
        row.getString("name"),
        row.getString("version"),
        row.getString("url"),
        row.getString("description"),
        row.getString("secret"),
        Timestamps.get(row, "created_at"));
  }
}
