package io.switchboard.campaigns.persistence;

import java.sql.SQLException;

/** The database failed (down, a lost connection): the API answers 503 and consumers retry. */
public class StoreFailure extends RuntimeException {

    StoreFailure(SQLException cause) {
        super("the database refused: " + cause.getMessage(), cause);
    }
}
