package io.gemhost.metrics;

import java.util.Map;

/**
 * MicroProfile Health's answer: {@code {"status":"UP","checks":[{"name":...,"status":"UP"}]}}, UP
 * only when every check is, and nothing beyond each check's name and status. Pure.
 */
record HealthAnswer(Map<String, Boolean> checks) {

    boolean up() {
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }

    int httpStatus() {
        return up() ? 200 : 503;
    }

    /** Check names are this package's own constants (letters and '-'), so nothing needs escaping. */
    String json() {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(status(up())).append("\",\"checks\":[");
        String separator = "";
        for (Map.Entry<String, Boolean> check : checks.entrySet()) {
            out.append(separator).append("{\"name\":\"").append(check.getKey()).append("\",\"status\":\"")
                    .append(status(check.getValue())).append("\"}");
            separator = ",";
        }
        return out.append("]}").toString();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
