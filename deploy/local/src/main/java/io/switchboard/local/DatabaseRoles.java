package io.switchboard.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One login role per service in the local database (issue 14), as production has them: the role owns
 * its service's schema and nothing else, so a service cannot read another's tables and no service logs
 * in as the superuser.
 *
 * <p>For each {@code service:schema} it makes sure that the role {@code <prefix><service>} (hyphens as
 * underscores, e.g. {@code switchboard_routing}) exists with login, no other attribute and the local
 * password {@link #password}; that the schema exists and the role owns it; and that the tables, views,
 * sequences, functions and types an earlier version created in that schema as {@code postgres} belong to
 * the role, so an existing local database keeps working. The database and its {@code public} schema are
 * closed to PUBLIC (PostgreSQL 15 already refuses CREATE on {@code public}; USAGE goes too), each role may
 * connect, and any privilege a role holds on another service's schema is revoked. Every step is
 * idempotent: run it at every start.
 */
final class DatabaseRoles {

    /** The local roles' prefix: switchboard_routing, switchboard_chat_channel, ... */
    static final String LOCAL_PREFIX = "switchboard_";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private DatabaseRoles() {
    }

    /** A service and the schema it owns, from {@code routing:routing} or {@code chat-channel:chat}. */
    record ServiceSchema(String service, String schema) {

        ServiceSchema {
            if (!service.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("service name must be lower-case letters, digits and -: " + service);
            }
            checkIdentifier("schema", schema);
        }

        static ServiceSchema parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("expected <service>:<schema>, got " + spec);
            }
            return new ServiceSchema(spec.substring(0, colon), spec.substring(colon + 1));
        }
    }

    /** The role of a service: the prefix and its name with hyphens as underscores. */
    static String role(String prefix, String service) {
        String role = prefix + service.replace('-', '_');
        checkIdentifier("role", role);
        return role;
    }

    /**
     * The local password of a role: its own name, like the demo users' (this machine's PostgreSQL trusts
     * 127.0.0.1 anyway). ./switchboard computes the same. Production roles get real passwords.
     */
    static String password(String role) {
        return role;
    }

    /** Creates or brings up to date the roles of these services in {@code database}. */
    static void ensure(String serverJdbcUrl, String database, List<ServiceSchema> services, String prefix) {
        checkIdentifier("database", database);
        if (services.isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>();
        try (Connection server = DriverManager.getConnection(serverJdbcUrl, "postgres", "postgres")) {
            for (ServiceSchema service : services) {
                String role = role(prefix, service.service());
                ensureRole(server, role);
                roles.add(role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverJdbcUrl + " refused the roles: " + e.getMessage());
        }
        String databaseUrl = databaseUrl(serverJdbcUrl, database);
        try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (int i = 0; i < services.size(); i++) {
                String role = roles.get(i);
                String schema = services.get(i).schema();
                sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + role);
                sql.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
                sql.execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
                sql.execute("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
                int moved = transferObjects(db, schema, role);
                if (moved > 0) {
                    System.out.println("gave " + role + " the " + moved + " objects of schema " + schema + " in " + database);
                }
            }
            // No role keeps a privilege on another service's schema (a grant made by hand, say).
            for (int i = 0; i < services.size(); i++) {
                for (int j = 0; j < services.size(); j++) {
                    if (i != j) {
                        String schema = services.get(j).schema();
                        sql.execute("REVOKE ALL ON SCHEMA " + schema + " FROM " + roles.get(i));
                        sql.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + roles.get(i));
                        sql.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + roles.get(i));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + databaseUrl + " refused the schemas' ownership: " + e.getMessage());
        }
    }

    private static void ensureRole(Connection server, String role) throws SQLException {
        String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + password(role) + "'";
        boolean exists;
        try (var query = server.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (var rows = query.executeQuery()) {
                exists = rows.next();
            }
        }
        try (Statement sql = server.createStatement()) {
            if (!exists) {
                try {
                    sql.execute("CREATE ROLE " + role + attributes);
                    System.out.println("created role " + role);
                    return;
                } catch (SQLException e) {
                    if (!"42710".equals(e.getSQLState())) { // duplicate_object: another run created it meanwhile
                        throw e;
                    }
                }
            }
            sql.execute("ALTER ROLE " + role + attributes);
        }
    }

    /**
     * Gives the role what the schema holds and it does not own yet. Sequences that belong to a column
     * (serial, identity) follow their table and are not changed on their own.
     */
    private static int transferObjects(Connection db, String schema, String role) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (var query = db.prepareStatement("""
                SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                      WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                       format('%I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
                  AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
                ORDER BY c.relkind = 'S', c.relname
                """)) {
            query.setString(1, schema);
            query.setString(2, role);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add("ALTER " + rows.getString(1) + " " + rows.getString(2) + " OWNER TO " + role);
                }
            }
        }
        try (var query = db.prepareStatement("""
                SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                       format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ? AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
                """)) {
            query.setString(1, schema);
            query.setString(2, role);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add("ALTER " + rows.getString(1) + " " + rows.getString(2) + " OWNER TO " + role);
                }
            }
        }
        // Enums, domains, ranges and stand-alone composite types (a table's row type follows the table).
        try (var query = db.prepareStatement("""
                SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', n.nspname, t.typname)
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
                  AND (t.typtype IN ('e', 'd', 'r')
                       OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
                """)) {
            query.setString(1, schema);
            query.setString(2, role);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add("ALTER " + rows.getString(1) + " " + rows.getString(2) + " OWNER TO " + role);
                }
            }
        }
        try (Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        return statements.size();
    }

    /** The server's JDBC URL (of its postgres database) with the database name replaced. */
    static String databaseUrl(String serverJdbcUrl, String database) {
        int query = serverJdbcUrl.indexOf('?');
        String base = query < 0 ? serverJdbcUrl : serverJdbcUrl.substring(0, query);
        String rest = query < 0 ? "" : serverJdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host:port/database, got " + serverJdbcUrl);
        }
        return base.substring(0, slash + 1) + database + rest;
    }

    private static void checkIdentifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches() || name.length() > 63) {
            throw new IllegalArgumentException(what + " must be lower-case letters, digits and _: " + name);
        }
    }
}
