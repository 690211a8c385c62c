package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local roles (issue 14) against the real local PostgreSQL, without the platform: a throwaway
 * database and throwaway roles, a schema left behind by an earlier version (owned by postgres), and two
 * runs of the tool.
 */
class DatabaseRolesTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "sb_roles_" + suffix;
    private final String prefix = "sbtest_" + suffix + "_";
    private final List<DatabaseRoles.ServiceSchema> services = List.of(
            new DatabaseRoles.ServiceSchema("alpha-channel", "alpha"),
            new DatabaseRoles.ServiceSchema("beta", "beta"));

    @BeforeEach
    void earlierVersionsDatabase() throws SQLException {
        PlatformTool.createDatabase(SERVER, database);
        try (Connection db = connect("postgres"); Statement sql = db.createStatement()) {
            // What services logging in as postgres left: alpha's schema with a table (identity and serial
            // columns), a view and a sequence of its own, all owned by postgres.
            sql.execute("CREATE SCHEMA alpha");
            sql.execute("CREATE TABLE alpha.conversation (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seq serial, body text)");
            sql.execute("INSERT INTO alpha.conversation (body) VALUES ('before')");
            sql.execute("CREATE VIEW alpha.bodies AS SELECT body FROM alpha.conversation");
            sql.execute("CREATE SEQUENCE alpha.token_seq START WITH 1001");
            sql.execute("CREATE TYPE alpha.state AS ENUM ('open', 'closed')");
        }
    }

    @AfterEach
    void dropEverything() throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER, "postgres", "postgres"); Statement sql = server.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            for (var service : services) {
                sql.execute("DROP ROLE IF EXISTS " + DatabaseRoles.role(prefix, service.service()));
            }
        }
    }

    @Test
    void eachRoleOwnsItsSchemaAndCannotReadAnothers() throws SQLException {
        DatabaseRoles.ensure(SERVER, database, services, prefix);
        DatabaseRoles.ensure(SERVER, database, services, prefix); // idempotent: every ./switchboard up runs it

        String alpha = DatabaseRoles.role(prefix, "alpha-channel");
        String beta = DatabaseRoles.role(prefix, "beta");
        assertThat(alpha).isEqualTo(prefix + "alpha_channel");
        try (Connection db = connect("postgres"); Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = '" + alpha + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(List.of(rows.getBoolean(1), rows.getBoolean(2), rows.getBoolean(3), rows.getBoolean(4)))
                    .as("login, nothing more").containsExactly(false, false, false, true);
        }

        try (Connection db = connect(alpha); Statement sql = db.createStatement()) {
            // What the earlier version left is the role's now.
            sql.execute("INSERT INTO alpha.conversation (body) VALUES ('after')");
            assertThat(count(sql, "SELECT count(*) FROM alpha.bodies")).isEqualTo(2);
            assertThat(count(sql, "SELECT nextval('alpha.token_seq')")).isEqualTo(1001);
            sql.execute("ALTER TABLE alpha.conversation ADD COLUMN state alpha.state");
            // Flyway's work: new tables in its own schema.
            sql.execute("CREATE TABLE alpha.message (id bigserial PRIMARY KEY)");

            assertThatThrownBy(() -> sql.execute("CREATE TABLE beta.stolen (id int)"))
                    .hasMessageContaining("permission denied for schema beta");
            assertThatThrownBy(() -> sql.execute("CREATE TABLE public.anywhere (id int)"))
                    .hasMessageContaining("permission denied for schema public");
            assertThatThrownBy(() -> sql.execute("CREATE SCHEMA other"))
                    .hasMessageContaining("permission denied for database");
        }
        try (Connection db = connect(beta); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE beta.note (id int)");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM alpha.conversation"))
                    .hasMessageContaining("permission denied for schema alpha");
            assertThatThrownBy(() -> sql.executeQuery("SELECT nextval('alpha.token_seq')"))
                    .hasMessageContaining("permission denied for schema alpha");
        }
        try (Connection db = connect("postgres"); Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('alpha', 'beta') ORDER BY 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo(alpha);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo(beta);
        }

        // A grant made by hand does not survive the next run.
        try (Connection db = connect("postgres"); Statement sql = db.createStatement()) {
            sql.execute("GRANT USAGE ON SCHEMA alpha TO " + beta);
            sql.execute("GRANT SELECT ON alpha.conversation TO " + beta);
        }
        DatabaseRoles.ensure(SERVER, database, services, prefix);
        try (Connection db = connect(beta); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM alpha.conversation")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void theDatabaseUrlKeepsTheServerAndItsParameters() {
        assertThat(DatabaseRoles.databaseUrl(SERVER, "switchboard")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/switchboard");
        assertThat(DatabaseRoles.databaseUrl("jdbc:postgresql://db:6543/postgres?ssl=true", "x")).isEqualTo("jdbc:postgresql://db:6543/x?ssl=true");
        assertThat(DatabaseRoles.ServiceSchema.parse("chat-channel:chat")).isEqualTo(new DatabaseRoles.ServiceSchema("chat-channel", "chat"));
        assertThatThrownBy(() -> DatabaseRoles.ServiceSchema.parse("routing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseRoles.ServiceSchema.parse("routing:Routing; DROP")).isInstanceOf(IllegalArgumentException.class);
    }

    private Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(DatabaseRoles.databaseUrl(SERVER, database), user, DatabaseRoles.password(user));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
