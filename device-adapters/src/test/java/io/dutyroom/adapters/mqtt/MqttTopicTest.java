package io.dutyroom.adapters.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import org.junit.jupiter.api.Test;

class MqttTopicTest {
    private static final String ROOT = MqttTopic.DEFAULT_ROOT;

    @Test
    void parsesTheThreeKindsOfTheContract() {
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/riverside/t1-pump-1/telemetry"))
                .contains(new MqttTopic(SiteId.of("riverside"), DeviceId.of("t1-pump-1"), MqttTopic.Kind.TELEMETRY));
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/s/d/event")).get().extracting(MqttTopic::kind).isEqualTo(MqttTopic.Kind.EVENT);
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/s/d/status")).get().extracting(MqttTopic::kind).isEqualTo(MqttTopic.Kind.STATUS);
    }

    @Test
    void refusesTopicsOutsideTheContract() {
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/s/d/other")).isEmpty();
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/s/d")).isEmpty();
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1/s/d/telemetry/extra")).isEmpty();
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v1//d/telemetry")).isEmpty();
        assertThat(MqttTopic.parse(ROOT, "dutyroom/v10/s/d/telemetry")).isEmpty();
        assertThat(MqttTopic.parse(ROOT, "other/s/d/telemetry")).isEmpty();
    }

    @Test
    void rendersWhatItParses() {
        String topic = "it-7/dutyroom/v1/s1/lift-3/telemetry";
        assertThat(MqttTopic.parse("it-7/dutyroom/v1", topic).orElseThrow().render("it-7/dutyroom/v1")).isEqualTo(topic);
    }
}
