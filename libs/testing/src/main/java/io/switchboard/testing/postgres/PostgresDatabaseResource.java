package io.switchboard.testing.postgres;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} suite its own fresh database, dropped when the suite ends.
 * The optional init arg {@code prefix} names the database after the service.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private PostgresDatabase database;
    private String prefix = "suite";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create(prefix);
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
