package io.switchboard.testing.architecture.framework.domain;

import java.sql.Connection;

/** A domain that talks JDBC: a framework package even though it lives under java. */
public record Order(String id) {

    public void save(Connection connection) {
        connection.hashCode();
    }
}
