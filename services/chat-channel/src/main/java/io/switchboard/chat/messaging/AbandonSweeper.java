package io.switchboard.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.StoreException;

/** Once a second: customers gone for the abandon time before any agent took their chat end it (an abandon). */
@ApplicationScoped
public class AbandonSweeper {

    private static final Logger LOG = Logger.getLogger(AbandonSweeper.class);

    private final ChatService chats;

    public AbandonSweeper(ChatService chats) {
        this.chats = chats;
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int ended = chats.abandonSweep();
            if (ended > 0) {
                LOG.infof("%d chats abandoned", ended);
            }
        } catch (StoreException | RuntimeException e) {
            LOG.warnf("abandon sweep skipped: %s", e.getMessage());
        }
    }
}
