package io.dutyroom.adapters.profile;

import io.dutyroom.adapters.modbus.Encoding;
import io.dutyroom.adapters.modbus.ModbusRegister;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks a profile's register map: addresses in range, encodings that fit the table, no overlaps. */
final class RegisterMapCheck {
    private RegisterMapCheck() {
    }

    static void point(YamlDocument doc, String at, PointDefinition p, Problems problems) {
        ModbusRegister r = p.modbus();
        if (r.address() < 0 || r.end() > 65_536) {
            problems.at(doc, at + "/address", "address " + r.address() + " is outside 0-65535 for a " + r.encoding().name().toLowerCase() + " value");
        }
        if (r.table().bits() && r.encoding() != Encoding.BIT) {
            problems.at(doc, at + "/encoding", r.table().name().toLowerCase() + " holds single bits; encoding must be bit");
        }
        if (!r.table().bits() && r.encoding() == Encoding.BIT && (r.bit() == null || r.bit() < 0 || r.bit() > 15)) {
            problems.at(doc, at + "/bit", "a bit of a " + r.table().name().toLowerCase() + " register needs 'bit: 0..15'");
        }
        if (r.bit() != null && r.encoding() != Encoding.BIT) {
            problems.at(doc, at + "/bit", "'bit' only applies to encoding bit");
        }
        if (r.scale() == 0.0) {
            problems.at(doc, at + "/scale", "scale 0 would make every value 0");
        }
    }

    /** Two points overlap when they share a register, unless both are different bits of it. */
    static void overlaps(YamlDocument doc, List<PointDefinition> points, Problems problems) {
        List<Integer> polled = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).modbus() != null) {
                polled.add(i);
            }
        }
        polled.sort(Comparator.comparing((Integer i) -> points.get(i).modbus().table()).thenComparing(i -> points.get(i).modbus().address()));
        for (int a = 0; a < polled.size(); a++) {
            ModbusRegister first = points.get(polled.get(a)).modbus();
            for (int b = a + 1; b < polled.size(); b++) {
                ModbusRegister second = points.get(polled.get(b)).modbus();
                if (second.table() != first.table() || second.address() >= first.end()) {
                    break;
                }
                boolean distinctBits = first.encoding() == Encoding.BIT && second.encoding() == Encoding.BIT
                        && first.bit() != null && !first.bit().equals(second.bit());
                if (!distinctBits) {
                    problems.at(doc, "/points/" + polled.get(b) + "/modbus/address", "register " + second.address() + " overlaps point '"
                            + points.get(polled.get(a)).name() + "' at " + first.address());
                }
            }
        }
    }
}
