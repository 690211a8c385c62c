package io.switchboard.customer360;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;

/** A plain JDBC connection to the database the service under test uses, in its schema. */
final class ServiceDatabase {

    private ServiceDatabase() {
    }

    static Connection open() throws SQLException {
        var config = ConfigProvider.getConfig();
        Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        try (Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO customer360");
        }
        return db;
    }
}
