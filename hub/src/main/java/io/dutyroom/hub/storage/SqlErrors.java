package io.dutyroom.hub.storage;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/** The one place that reads SQLStates: which database failures pass, and which would repeat. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * Worth retrying: the connection (SQLState class 08, I/O), the server's resources (53), an
     * administrator or restart (57P), serialisation or deadlock (40001, 40P01), no connection from
     * the pool in time, and the schema itself gone wrong (42: a table or column missing, a privilege
     * revoked; 3F: the schema missing): the readings are good and an operator can mend the database,
     * so they are held, not let go. Anything else is about the rows and would fail again.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof IOException || e instanceof SQLTransientException) {
                return true;
            }
            if (e instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null) {
                    return true; // no server verdict: a driver-side connection problem
                }
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("40001") || state.equals("40P01") || state.startsWith("42") || state.startsWith("3F");
            }
        }
        return false;
    }
}
