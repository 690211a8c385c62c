package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.service.messaging.PublishFailedException;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/** Agents' replies from {@code switchboard.outbound.chat.v1}, in order. */
@ApplicationScoped
public class ReplyConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class, PublishFailedException.class);

    private final ChatService chats;
    private final Refusals refusals;

    public ReplyConsumer(ChatService chats, Refusals refusals) {
        this.chats = chats;
        this.refusals = refusals;
    }

    @Incoming("outbound-chat")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "chat-channel/ReplyConsumer");
        if (event.isPresent() && event.get() instanceof ReplyRequested reply && reply.channel() == Channel.CHAT) {
            UNTIL_APPLIED.apply(reply, () -> chats.deliver(reply));
        }
    }
}
