package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.chat.domain.ChatService;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.service.messaging.IncomingEvents;

/**
 * Every instance reads the replies delivered on the contacts topic (its own consumer group, from
 * the newest offset) and pushes those another instance delivered to the customer sockets it holds.
 */
@ApplicationScoped
public class ReplyFanOut {

    private final ChatService chats;

    public ReplyFanOut(ChatService chats) {
        this.chats = chats;
    }

    @Incoming("reply-fanout")
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).filter(ContactMessageSent.class::isInstance).map(ContactMessageSent.class::cast)
                .ifPresent(chats::deliveredElsewhere);
    }
}
