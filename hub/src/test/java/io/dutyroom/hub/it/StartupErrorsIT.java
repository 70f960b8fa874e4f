package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.hub.embedded.PortProbe;
import io.dutyroom.hub.embedded.StartupException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Start-up failures tell the operator what is wrong and which setting moves it. */
class StartupErrorsIT {

    @Test
    void aTakenHttpPortIsNamedWithTheVariableThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            HubFixture hub = new HubFixture().with("DUTYROOM_HTTP_PORT", String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(hub::start)
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 for the HTTP API is already in use")
                    .hasMessageContaining("DUTYROOM_HTTP_PORT");
        }
    }

    @Test
    void aSecondHubOnTheSamePortIsRefusedWhileTheFirstKeepsRunning() {
        try (HubFixture first = new HubFixture().start()) {
            HubFixture second = new HubFixture().with("DUTYROOM_HTTP_PORT", String.valueOf(first.hub().httpPort()));

            assertThatThrownBy(second::start).hasMessageContaining("already in use");
            first.json("/health");
        }
    }

    @Test
    void anUnreachableDatabaseSaysWhereItLookedAndWhatToSet() {
        int nothingThere = PortProbe.freePort("127.0.0.1");
        HubFixture hub = new HubFixture().with("DUTYROOM_DB_URL", "jdbc:postgresql://127.0.0.1:" + nothingThere + "/dutyroom");

        assertThatThrownBy(hub::start)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + nothingThere + "/dutyroom")
                .hasMessageContaining("DUTYROOM_DB_URL");
    }

    @Test
    void anUnreachableBrokerSaysWhereItLooked() {
        int nothingThere = PortProbe.freePort("127.0.0.1");
        HubFixture hub = new HubFixture().with("DUTYROOM_MQTT_URL", "tcp://127.0.0.1:" + nothingThere);

        assertThatThrownBy(hub::start)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot connect to the MQTT broker at tcp://127.0.0.1:" + nothingThere)
                .hasMessageContaining("DUTYROOM_MQTT_URL");
    }
}
