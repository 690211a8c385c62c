package io.switchboard.chat.messaging;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.EventType;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Every instance reads the replies delivered on the contacts topic (its own consumer group, from
 * the newest offset) and pushes those another instance delivered to the customer sockets it holds.
 */
@ApplicationScoped
public class ReplyFanOut {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);
    /**
     * What this consumer acts on. The rest of the contacts topic (above all the customers' own messages, one
     * per message the instances take) is passed over on its envelope's type, unchecked and undecoded.
     */
    private static final Set<EventType> READS = EnumSet.of(EventType.CONTACT_MESSAGE_SENT, EventType.CONTACT_MESSAGE_FAILED,
            EventType.CONTACT_ENDED, EventType.CONTACT_TYPING);

    private final ChatService chats;
    private final Refusals refusals;

    public ReplyFanOut(ChatService chats, Refusals refusals) {
        this.chats = chats;
        this.refusals = refusals;
    }

    private static boolean isTranscript(Map<String, String> metadata) {
        return ChatService.TRANSCRIPT.equals(metadata.get("kind"));
    }

    @Incoming("reply-fanout")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "chat-channel/ReplyFanOut", READS);
        if (event.isPresent() && event.get() instanceof ContactMessageSent sent && isTranscript(sent.metadata())) {
            UNTIL_APPLIED.apply(sent, () -> chats.transcriptOutcome(sent.contactId(), true));
        } else if (event.isPresent() && event.get() instanceof ContactMessageFailed failed && isTranscript(failed.metadata())) {
            UNTIL_APPLIED.apply(failed, () -> chats.transcriptOutcome(failed.contactId(), false));
        } else if (event.isPresent() && event.get() instanceof ContactMessageSent sent) {
            chats.deliveredElsewhere(sent);
        } else if (event.isPresent() && event.get() instanceof ContactEnded ended && ended.channel() == Channel.CHAT) {
            UNTIL_APPLIED.apply(ended, () -> chats.endedElsewhere(ended));
        } else if (event.isPresent() && event.get() instanceof ContactTyping typing) {
            chats.agentTyping(typing);
        }
    }
}
