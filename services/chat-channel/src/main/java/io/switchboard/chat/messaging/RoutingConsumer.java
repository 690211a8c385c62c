package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Tells the customer when an agent takes the chat, and when a transfer takes the agent away; remembers
 * every agent a chat was offered or assigned to, who may then read its transcript.
 */
@ApplicationScoped
public class RoutingConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final ChatService chats;
    private final Refusals refusals;

    public RoutingConsumer(ChatService chats, Refusals refusals) {
        this.chats = chats;
        this.refusals = refusals;
    }

    @Incoming("routing")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "chat-channel/RoutingConsumer");
        if (event.isPresent() && event.get() instanceof ContactOffered offered && offered.channel() == Channel.CHAT) {
            UNTIL_APPLIED.apply(offered, () -> chats.offered(offered));
        } else if (event.isPresent() && event.get() instanceof ContactAssigned assigned && assigned.channel() == Channel.CHAT) {
            UNTIL_APPLIED.apply(assigned, () -> chats.assigned(assigned));
        } else if (event.isPresent() && event.get() instanceof ContactTransferred transferred) {
            UNTIL_APPLIED.apply(transferred, () -> chats.assigned(transferred.contactId(), null));
        }
    }
}
