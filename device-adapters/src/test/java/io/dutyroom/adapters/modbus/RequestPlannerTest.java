package io.dutyroom.adapters.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {

    private static PointDefinition point(String name, RegisterTable table, int address, Encoding encoding) {
        return new PointDefinition(name, ValueType.FLOAT, "", null, null, null,
                new ModbusRegister(table, address, encoding, null, null, null, null));
    }

    private static String describe(ReadRequest r) {
        return r.table() + "@" + r.start() + "+" + r.count() + r.points().stream().map(ReadRequest.PlannedPoint::point).toList();
    }

    @Test
    void nearbyRegistersOfOneTableAreReadTogetherAndTablesApart() {
        List<PointDefinition> points = List.of(
                point("ia", RegisterTable.HOLDING, 2999, Encoding.FLOAT32),
                point("ib", RegisterTable.HOLDING, 3001, Encoding.FLOAT32),
                point("ua", RegisterTable.HOLDING, 3019, Encoding.FLOAT32),
                point("kw", RegisterTable.HOLDING, 3059, Encoding.FLOAT32),
                point("run", RegisterTable.COIL, 0, Encoding.BIT),
                point("trip", RegisterTable.COIL, 5, Encoding.BIT),
                point("temp", RegisterTable.INPUT, 10, Encoding.INT16),
                mqttOnlyPoint());

        List<ReadRequest> plan = RequestPlanner.plan(points, 20);

        assertThat(plan).extracting(RequestPlannerTest::describe).containsExactly(
                "COIL@0+6[run, trip]",
                "HOLDING@2999+22[ia, ib, ua]",
                "HOLDING@3059+2[kw]",
                "INPUT@10+1[temp]");
    }

    @Test
    void noReadExceedsTheProtocolLimits() {
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(point("r" + i, RegisterTable.HOLDING, i, Encoding.UINT16));
        }
        for (int i = 0; i < 2500; i++) {
            points.add(point("c" + i, RegisterTable.COIL, i, Encoding.BIT));
        }

        List<ReadRequest> plan = RequestPlanner.plan(points, 0);

        assertThat(plan).extracting(r -> r.table() + "@" + r.start() + "+" + r.count())
                .containsExactly("COIL@0+2000", "COIL@2000+500", "HOLDING@0+125", "HOLDING@125+75");
    }

    @Test
    void aThirtyTwoBitValueIsNeverSplitAcrossReads() {
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < 124; i++) {
            points.add(point("r" + i, RegisterTable.HOLDING, i, Encoding.UINT16));
        }
        points.add(point("wide", RegisterTable.HOLDING, 124, Encoding.FLOAT32));

        List<ReadRequest> plan = RequestPlanner.plan(points, 0);

        assertThat(plan).extracting(r -> r.start() + "+" + r.count()).containsExactly("0+124", "124+2");
    }

    private static PointDefinition mqttOnlyPoint() {
        return new PointDefinition("mqtt_only", ValueType.BOOL, "", null, null, null, null);
    }
}
