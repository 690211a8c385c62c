package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.postgres.PostgresDatabase;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

class PostgresDatabaseTest {

    @Test
    void eachSuiteGetsItsOwnDatabaseWhichIsDroppedAfterwards() throws Exception {
        PostgresDatabase first = PostgresDatabase.create("testing");
        PostgresDatabase second = PostgresDatabase.create("testing");
        try {
            assertThat(first.name()).isNotEqualTo(second.name()).startsWith("sb_testing_");
            try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE marker (id int)");
                statement.execute("INSERT INTO marker VALUES (42)");
            }
            try (Connection connection = second.connect(); Statement statement = connection.createStatement();
                    ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'marker'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("suites never share state").isZero();
            }
        } finally {
            first.close();
            second.close();
        }
        assertThat(first.exists()).isFalse();
        assertThat(second.exists()).isFalse();
    }

    @Test
    void theQuarkusResourceConfiguresBothJdbcAndReactiveUrls() {
        PostgresDatabaseResource resource = new PostgresDatabaseResource();
        resource.init(Map.of("prefix", "resource"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config.get("quarkus.datasource.jdbc.url")).startsWith("jdbc:postgresql://").contains("/sb_resource_");
            assertThat(config.get("quarkus.datasource.reactive.url")).startsWith("postgresql://").contains("/sb_resource_");
        } finally {
            resource.stop();
        }
    }
}
