package io.dutyroom.simulators.estate;

import java.util.Map;

/** Fault arguments, read and checked before a model changes anything. */
final class Args {
    private Args() {
    }

    static int integer(Map<String, Object> args, String name, int fallback) {
        Object v = args.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, was '" + v + "'");
        }
    }

    static boolean bool(Map<String, Object> args, String name, boolean fallback) {
        Object v = args.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("'" + name + "' must be true or false, was '" + v + "'");
    }

    static String text(Map<String, Object> args, String name, String fallback) {
        Object v = args.get(name);
        return v == null ? fallback : v.toString();
    }
}
