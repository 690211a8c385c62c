package io.switchboard.customer360.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Inserts many rows with one {@code INSERT … SELECT FROM unnest(…)}: one round trip and one statement
 * for a whole batch, where persisting entities costs Hibernate's work per row. Every column travels
 * as a text array cast to its type in SQL, so any PostgreSQL type with a text form fits.
 *
 * @param <T> what one row is made from
 */
final class BulkInsert<T> {

    private final String table;
    private final List<T> rows;
    private final List<String> columns = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String[]> values = new ArrayList<>();

    private BulkInsert(String table, List<T> rows) {
        this.table = table;
        this.rows = rows;
    }

    static <T> BulkInsert<T> into(String table, List<T> rows) {
        return new BulkInsert<>(table, rows);
    }

    /** @param type the PostgreSQL type of the column, e.g. {@code uuid} or {@code timestamptz} */
    BulkInsert<T> column(String name, String type, Function<T, Object> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            Object v = value.apply(rows.get(i));
            column[i] = v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString();
        }
        columns.add(name);
        types.add(type);
        values.add(column);
        return this;
    }

    Uni<Integer> execute(Mutiny.Session session) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") SELECT * FROM unnest(");
        for (int i = 0; i < columns.size(); i++) {
            // Typed as text[] first: the client then accepts the String[], and PostgreSQL converts.
            sql.append(i == 0 ? "" : ", ").append("CAST(CAST(:c").append(i).append(" AS text[]) AS ")
                    .append(types.get(i)).append("[])");
        }
        sql.append(')');
        Mutiny.MutationQuery query = session.createNativeQuery(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            query.setParameter("c" + i, values.get(i));
        }
        return query.executeUpdate();
    }
}
