package io.switchboard.chat.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON frames of the widget protocol. The browser sends {@code start}, {@code resume},
 * {@code message}, {@code typing} and {@code leave}; the server answers with the records below.
 */
public final class ChatFrames {

    private ChatFrames() {
    }

    /** What the browser sends; unused fields are null. */
    public record Inbound(String type, String token, String name, String email, String id, String text, Integer score) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ready(String type, String token, String contactId, List<Line> history, String agent) {
        public Ready(String token, String contactId, List<Line> history, String agent) {
            this("ready", token, contactId, history, agent);
        }
    }

    public record Line(String from, String text, Instant at) {
    }

    public record Ack(String type, String id, String messageId) {
        public Ack(String id, String messageId) {
            this("ack", id, messageId);
        }
    }

    public record AgentMessage(String type, String from, String text, Instant at) {
        public AgentMessage(String text, Instant at) {
            this("message", "agent", text, at);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(String type, String agent) {
    }

    public record Error(String type, String code, String reason) {
        public Error(String code, String reason) {
            this("error", code, reason);
        }
    }
}
