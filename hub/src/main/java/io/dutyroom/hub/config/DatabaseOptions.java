package io.dutyroom.hub.config;

/**
 * The PostgreSQL (or TimescaleDB) database. With {@code url} empty the hub starts its embedded
 * PostgreSQL on {@code host}:{@code port}, its data under the data directory.
 */
public record DatabaseOptions(String url, String user, String password, String schema, int poolSize,
                              String host, int port, Timescale timescale) {

    /** Whether to use TimescaleDB features. */
    public enum Timescale {
        /** Use them when the {@code timescaledb} extension is available, else native partitioning. */
        AUTO,
        /** Fail start-up when the extension is not available. */
        REQUIRED,
        /** Never use them. */
        OFF
    }

    static DatabaseOptions from(ConfigSource source) {
        DatabaseOptions options = new DatabaseOptions(
                source.string("db.url", ""),
                source.string("db.user", ""),
                source.string("db.password", ""),
                source.string("db.schema", "public"),
                source.integer("db.poolSize", 4, 2, 64),
                source.string("db.host", "127.0.0.1"),
                source.integer("db.port", 15_432, 0, 65_535),
                source.choice("db.timescale", Timescale.AUTO));
        if (!options.url.isEmpty() && !options.url.startsWith("jdbc:postgresql:")) {
            source.problem("db.url", "must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/dutyroom (was '" + options.url + "')");
        }
        if (!options.schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            source.problem("db.schema", "must be a lower-case SQL identifier (was '" + options.schema + "')");
        }
        return options;
    }
}
