package io.switchboard.chat.domain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The plain-text transcript of a chat, as mailed to the customer. */
final class Transcript {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Transcript() {
    }

    static String render(String tenantName, Conversation conversation, List<ChatLine> lines) {
        StringBuilder text = new StringBuilder();
        text.append("Your chat with ").append(tenantName).append(", started ").append(TIME.format(conversation.startedAt()))
                .append(".\n\n");
        String customer = conversation.customerName() != null ? conversation.customerName() : "You";
        for (ChatLine line : lines) {
            text.append('[').append(TIME.format(line.sentAt())).append("] ")
                    .append(line.fromCustomer() ? customer : tenantName + (line.agentId() != null ? " (" + line.agentId() + ")" : ""))
                    .append(": ").append(line.text()).append('\n');
        }
        text.append("\nReference: ").append(conversation.contactId()).append('\n');
        return text.toString();
    }
}
