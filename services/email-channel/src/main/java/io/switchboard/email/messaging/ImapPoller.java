package io.switchboard.email.messaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.email.config.EmailConfig;
import io.switchboard.email.domain.InboundMail;
import io.switchboard.email.domain.InboundMailProcessor;
import io.switchboard.email.domain.IngestUnavailableException;
import io.switchboard.email.domain.MalformedEmailException;
import io.switchboard.service.config.EntryPointRoute;

/**
 * Imports external mailboxes over IMAP (Angus Mail): each message goes through the same ingest as
 * SMTP, and only then moves to the processed folder (or is flagged \Seen when none is configured).
 * A crash between the two leaves the message in place; the next poll finds its Message-ID already
 * stored and only moves it, so a restart never imports twice. Between polls the poller waits in IMAP
 * IDLE when the server offers it, bounded by the poll interval.
 */
@ApplicationScoped
public class ImapPoller {

    private static final Logger LOG = Logger.getLogger(ImapPoller.class);
    private static final Flags.Flag IMPORTED = Flags.Flag.SEEN;

    private final EmailConfig config;
    private final InboundMailProcessor processor;
    private final List<MailboxLoop> loops = new ArrayList<>();
    private ScheduledExecutorService idleBreaker;

    public ImapPoller(EmailConfig config, InboundMailProcessor processor) {
        this.config = config;
        this.processor = processor;
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts one loop per configured mailbox (again after {@link #stop()}). */
    public synchronized void start() {
        if (!loops.isEmpty() || config.imap().isEmpty()) {
            return;
        }
        idleBreaker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "imap-idle-breaker"));
        for (Map.Entry<String, EmailConfig.Mailbox> mailbox : config.imap().entrySet()) {
            MailboxLoop loop = new MailboxLoop(mailbox.getKey(), mailbox.getValue());
            loops.add(loop);
            Thread thread = new Thread(loop, "imap-" + mailbox.getKey());
            thread.setDaemon(true);
            loop.thread = thread;
            thread.start();
        }
    }

    public synchronized void stop() {
        loops.forEach(MailboxLoop::halt);
        for (MailboxLoop loop : loops) {
            try {
                loop.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        if (idleBreaker != null) {
            idleBreaker.shutdownNow();
        }
    }

    private final class MailboxLoop implements Runnable {

        private final String name;
        private final EmailConfig.Mailbox mailbox;
        private final EntryPointRoute route;
        private volatile boolean running = true;
        private volatile Store store;
        private Thread thread;

        MailboxLoop(String name, EmailConfig.Mailbox mailbox) {
            this.name = name;
            this.mailbox = mailbox;
            this.route = new EntryPointRoute(mailbox.tenant(), mailbox.tenant(),
                    mailbox.entryPoint().strip().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public void run() {
            while (running) {
                try {
                    connect();
                    Folder inbox = store.getFolder(mailbox.folder());
                    inbox.open(Folder.READ_WRITE);
                    try {
                        while (running && inbox.isOpen()) {
                            importNew(inbox);
                            waitForMail(inbox);
                        }
                    } finally {
                        closeQuietly(inbox);
                    }
                } catch (MessagingException | RuntimeException e) {
                    if (running) {
                        LOG.warnf("mailbox %s: %s; retrying in %s", name, e.getMessage(), mailbox.pollInterval());
                        disconnect();
                        sleep(mailbox.pollInterval().toMillis());
                    }
                }
            }
            disconnect();
        }

        private void importNew(Folder inbox) throws MessagingException {
            Message[] candidates = mailbox.processedFolder().isPresent() ? inbox.getMessages()
                    : inbox.search(new FlagTerm(new Flags(IMPORTED), false));
            for (Message message : candidates) {
                if (!running || message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                    continue;
                }
                try {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    processor.ingest(new InboundMail(null, route, raw.toByteArray(), "imap:" + name));
                    markImported(inbox, message);
                } catch (MalformedEmailException e) {
                    LOG.warnf("mailbox %s: leaving an unreadable message flagged: %s", name, e.getMessage());
                    message.setFlag(Flags.Flag.FLAGGED, true);
                    message.setFlag(IMPORTED, true);
                } catch (IngestUnavailableException e) {
                    LOG.warnf("mailbox %s: import paused: %s", name, e.getMessage());
                    return;
                } catch (java.io.IOException e) {
                    throw new MessagingException("could not read a message", e);
                }
            }
            if (mailbox.processedFolder().isPresent()) {
                inbox.expunge();
            }
        }

        private void markImported(Folder inbox, Message message) throws MessagingException {
            if (mailbox.processedFolder().isEmpty()) {
                message.setFlag(IMPORTED, true);
                return;
            }
            Folder processed = store.getFolder(mailbox.processedFolder().get());
            if (!processed.exists()) {
                processed.create(Folder.HOLDS_MESSAGES);
            }
            if (inbox instanceof IMAPFolder imap && ((IMAPStore) store).hasCapability("MOVE")) {
                imap.moveMessages(new Message[] {message}, processed);
            } else {
                inbox.copyMessages(new Message[] {message}, processed);
                message.setFlag(Flags.Flag.DELETED, true);
            }
        }

        private void waitForMail(Folder inbox) throws MessagingException {
            if (mailbox.idle() && inbox instanceof IMAPFolder imap && ((IMAPStore) store).hasCapability("IDLE")) {
                // Any command on the folder from another thread ends IDLE: the poll interval bounds the wait.
                ScheduledFuture<?> breaker = idleBreaker.schedule(() -> poke(imap), mailbox.pollInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
                try {
                    imap.idle(true);
                } finally {
                    breaker.cancel(false);
                }
            } else {
                sleep(mailbox.pollInterval().toMillis());
            }
        }

        private void poke(IMAPFolder folder) {
            try {
                if (folder.isOpen()) {
                    folder.getMessageCount();
                }
            } catch (MessagingException ignored) {
                // the loop notices a broken connection itself
            }
        }

        private void connect() throws MessagingException {
            if (store != null && store.isConnected()) {
                return;
            }
            String protocol = mailbox.ssl() ? "imaps" : "imap";
            Properties properties = new Properties();
            properties.setProperty("mail." + protocol + ".connectiontimeout", "10000");
            properties.setProperty("mail." + protocol + ".timeout", "60000");
            store = Session.getInstance(properties).getStore(protocol);
            store.connect(mailbox.host(), mailbox.port(), mailbox.user(), mailbox.password());
        }

        void halt() {
            running = false;
            disconnect();
            if (thread != null) {
                thread.interrupt();
            }
        }

        private void disconnect() {
            Store current = store;
            if (current != null) {
                try {
                    current.close();
                } catch (MessagingException ignored) {
                    // closing a broken connection
                }
            }
        }

        private void closeQuietly(Folder folder) {
            try {
                if (folder.isOpen()) {
                    folder.close(mailbox.processedFolder().isPresent());
                }
            } catch (MessagingException | IllegalStateException ignored) {
                // the store may already be closed
            }
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
