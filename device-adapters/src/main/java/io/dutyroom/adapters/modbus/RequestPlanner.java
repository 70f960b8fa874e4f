package io.dutyroom.adapters.modbus;

import io.dutyroom.adapters.profile.PointDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Coalesces a profile's polled points into as few reads as the protocol allows: points of one table
 * whose addresses are close are read together, never more than 125 registers or 2,000 bits per read,
 * and never bridging a gap wider than {@code maxGap} (unused registers cost bytes, and some devices
 * refuse reads that touch unmapped addresses, so profiles keep gaps explicit). Planned once per profile.
 */
public final class RequestPlanner {
    private RequestPlanner() {
    }

    public static List<ReadRequest> plan(List<PointDefinition> points, int maxGap) {
        List<ReadRequest.PlannedPoint> polled = new ArrayList<>();
        for (PointDefinition p : points) {
            p.register().ifPresent(r -> polled.add(new ReadRequest.PlannedPoint(p.name(), r)));
        }
        polled.sort(Comparator.comparing((ReadRequest.PlannedPoint p) -> p.register().table())
                .thenComparingInt(p -> p.register().address()));
        List<ReadRequest> requests = new ArrayList<>();
        List<ReadRequest.PlannedPoint> group = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (ReadRequest.PlannedPoint p : polled) {
            ModbusRegister r = p.register();
            if (!group.isEmpty()) {
                RegisterTable table = group.get(0).register().table();
                boolean fits = r.table() == table
                        && r.address() - end <= maxGap
                        && Math.max(end, r.end()) - start <= table.maxPerRequest();
                if (!fits) {
                    requests.add(new ReadRequest(table, start, end - start, group));
                    group = new ArrayList<>();
                }
            }
            if (group.isEmpty()) {
                start = r.address();
                end = r.end();
            }
            group.add(p);
            end = Math.max(end, r.end());
        }
        if (!group.isEmpty()) {
            requests.add(new ReadRequest(group.get(0).register().table(), start, end - start, group));
        }
        return requests;
    }
}
