package io.dutyroom.hub.reports;

import java.util.List;

/** The CSV of the hub's exports (work orders, complaints): one way of quoting, for every export. */
public final class Csv {
    private Csv() {
    }

    /** One line: the fields quoted, comma-separated, ended by CRLF (RFC 4180). */
    public static String row(List<String> fields) {
        return String.join(",", fields.stream().map(Csv::field).toList()) + "\r\n";
    }

    /**
     * RFC 4180 quoting. A leading formula character (or a tab or CR a spreadsheet would skip over) is
     * defused with a {@code '}, so a spreadsheet shows text instead of running a formula.
     */
    static String field(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
