package io.switchboard.testing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the local PostgreSQL server, created for one suite and dropped after it.
 * The server defaults to 127.0.0.1:5432 as {@code postgres} with trust auth; override with
 * {@code SWITCHBOARD_TEST_PG_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD}.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;

    private PostgresDatabase(String host, int port, String user, String password, String name) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates {@code sb_<prefix>_<random>}; the prefix keeps leftovers of a killed run recognisable. */
    public static PostgresDatabase create(String prefix) {
        String host = env("SWITCHBOARD_TEST_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SWITCHBOARD_TEST_PG_PORT", "5432"));
        String user = env("SWITCHBOARD_TEST_PG_USER", "postgres");
        String password = env("SWITCHBOARD_TEST_PG_PASSWORD", "postgres");
        String safePrefix = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        String name = "sb_" + safePrefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase database = new PostgresDatabase(host, port, user, password, name);
        database.executeOnServer("CREATE DATABASE " + name);
        return database;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        executeOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** True while the database exists on the server. */
    public boolean exists() {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user, password);
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(unreachable(e), e);
        }
    }

    private void executeOnServer(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(unreachable(e), e);
        }
    }

    private String serverUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    private String unreachable(SQLException e) {
        return "PostgreSQL at " + host + ":" + port + " as " + user + " failed (" + e.getMessage()
                + "); start it with `pg_ctlcluster --skip-systemctl-redirect <version> main start` or run .ci/run";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
