package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** Transactions and small conversions over blocking JDBC. */
final class Jdbc {

    interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (a runtime
     * exception of the work, such as a refusal, comes back unchanged).
     */
    static <R> R inTransaction(DataSource dataSource, Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                R result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    static <R> R withConnection(DataSource dataSource, Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    /** Wraps a SQLException thrown inside a session method, where the port does not declare it. */
    static <R> R unchecked(Connection connection, Work<R> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    static <T> List<T> list(Connection c, String sql, Binder binder, Reader<T> reader) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rows = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(reader.read(rows));
                }
                return out;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Binder binder, Reader<T> reader) throws SQLException {
        List<T> all = list(c, sql, binder, reader);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        }
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
