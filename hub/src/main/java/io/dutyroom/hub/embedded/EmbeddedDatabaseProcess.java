package io.dutyroom.hub.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The helper process of {@link RootlessDatabase}: starts the embedded PostgreSQL here, says so on
 * one line of standard output, and stops it when standard input closes (the hub is done with it,
 * or the hub is gone).
 *
 * <p>Arguments: data directory, listen address, port.
 */
public final class EmbeddedDatabaseProcess {
    static final String READY = "embedded-postgres-ready ";

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedDatabaseProcess <data directory> <host> <port>");
            System.exit(2);
        }
        if (RootlessDatabase.runningAsRoot()) {
            System.err.println("still root: this helper must run in a user namespace (unshare --user)");
            System.exit(1);
        }
        String host = args[1];
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedDatabase.startHere(Path.of(args[0]), host, Integer.parseInt(args[2]));
        } catch (StartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(READY + EmbeddedDatabase.jdbcUrl(host, postgres.getPort()));
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing is sent: only the end of input matters
        }
        postgres.close();
        System.exit(0);
    }
}
