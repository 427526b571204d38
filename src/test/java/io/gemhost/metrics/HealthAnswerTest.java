package io.gemhost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.metrics.Health.HealthAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthAnswerTest {

    @Test
    void upWhenEveryCheckIs() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("database", true);
        checks.put("migrations", true);
        HealthAnswer answer = new HealthAnswer(checks);
        assertEquals(200, answer.httpStatus());
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"},"
                + "{\"name\":\"migrations\",\"status\":\"UP\"}]}", answer.json());
    }

    @Test
    void oneCheckDownMakesTheAnswerDownAnd503() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("database", false);
        checks.put("migrations", false);
        checks.put("cache-invalidation", true);
        HealthAnswer answer = new HealthAnswer(checks);
        assertEquals(503, answer.httpStatus());
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"},"
                + "{\"name\":\"migrations\",\"status\":\"DOWN\"},{\"name\":\"cache-invalidation\",\"status\":\"UP\"}]}", answer.json());
    }
}
