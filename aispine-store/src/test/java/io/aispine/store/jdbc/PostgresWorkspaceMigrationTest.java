package io.aispine.store.jdbc;

/** The migration into workspaces on PostgreSQL. */
class PostgresWorkspaceMigrationTest extends WorkspaceMigrationContract {

  private String url;

  @Override
  protected String url() {
    if (url == null) {
      url = PostgresServer.newDatabase();
    }
    return url;
  }

  @Override
  protected String migrations() {
    return "classpath:db/migration/postgresql";
  }
}
