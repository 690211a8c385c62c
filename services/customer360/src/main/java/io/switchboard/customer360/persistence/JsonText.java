package io.switchboard.customer360.persistence;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The small JSON objects of strings kept in text columns (timeline details, audit details, evidence). */
final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonText() {
    }

    static String write(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Map<String, Object> read(String text) {
        try {
            // Most lines have no details: the column's default needs no parser (and its buffers).
            return text == null || text.isBlank() || text.equals("{}") ? Map.of() : JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + text, e);
        }
    }
}
