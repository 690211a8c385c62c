package io.switchboard.voice.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.voice.persistence.OpenCallJournal;

/**
 * At start-up, ends the contacts whose calls the previous run left open (a crash, a kill): their
 * sockets died with that process, so the calls are gone, but routing and the inbox would otherwise
 * keep them waiting or assigned for ever. Retried until the broker takes them.
 */
@ApplicationScoped
public class LeftOpenContacts {

    private static final Logger LOG = Logger.getLogger(LeftOpenContacts.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final OpenCallJournal journal;
    private final CallEvents events;
    private volatile boolean stopping;

    public LeftOpenContacts(OpenCallJournal journal, CallEvents events) {
        this.journal = journal;
        this.events = events;
    }

    void start(@Observes StartupEvent start) {
        List<OpenCallJournal.Entry> leftOpen = journal.leftByPreviousRun();
        if (leftOpen.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> endAll(leftOpen), "voice-left-open-contacts");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
    }

    private void endAll(List<OpenCallJournal.Entry> leftOpen) {
        LOG.warnf("%d contact(s) of calls cut off by the previous run: ending them", leftOpen.size());
        for (OpenCallJournal.Entry entry : leftOpen) {
            while (!stopping) {
                try {
                    events.endedAfterRestart(entry.contactId(), entry.tenantId());
                    journal.closed(entry.contactId(), entry.tenantId());
                    break;
                } catch (RuntimeException brokerDown) {
                    LOG.warnf("contact %s not ended yet (%s); retrying in %s", entry.contactId(), brokerDown.getMessage(), RETRY);
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
