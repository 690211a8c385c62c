package io.switchboard.admin.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.admin.domain.ConfigStore;
import io.switchboard.admin.domain.ConfigTransaction;

/** The console's configuration in PostgreSQL (schema {@code admin}): one JDBC transaction per change. */
@ApplicationScoped
public class JdbcConfigStore implements ConfigStore {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public JdbcConfigStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public <T> T inTransaction(Function<ConfigTransaction, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new JdbcConfigTransaction(connection, json));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the configuration database refused: " + e.getMessage(), e);
        }
    }
}
