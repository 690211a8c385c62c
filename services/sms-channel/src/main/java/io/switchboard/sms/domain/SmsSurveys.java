package io.switchboard.sms.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;

/**
 * The satisfaction survey by text: when an agent ends an SMS contact, the customer is asked once to
 * reply 1 to 5, unless they opted out (STOP). A reply of a score within {@link #ANSWER_WINDOW} is
 * the answer ({@link InboundService} takes it), not a new contact.
 */
public class SmsSurveys {

    public static final Duration ANSWER_WINDOW = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(SmsSurveys.class.getName());

    private final SmsStore store;
    private final NumberDirectory directory;
    private final AutoReplies autoReplies;
    private final Executor background;
    private final boolean enabled;
    private final Clock clock;

    public SmsSurveys(SmsStore store, NumberDirectory directory, AutoReplies autoReplies, Executor background, boolean enabled,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.autoReplies = autoReplies;
        this.background = background;
        this.enabled = enabled;
        this.clock = clock;
    }

    public static String question(String tenantName) {
        return "Thank you for contacting " + tenantName + ". How satisfied were you? Reply 1 (very dissatisfied) to 5 (very satisfied).";
    }

    /** An SMS contact ended: the survey goes out once if the agent ended it and the customer has not opted out. */
    public void contactEnded(ContactEnded ended) throws StoreException {
        if (!enabled || ended.channel() != Channel.SMS || ended.reason() != ContactEnded.Reason.AGENT_ENDED) {
            return;
        }
        Optional<Conversation> conversation = store.conversation(ended.contactId());
        if (conversation.isEmpty()) {
            return;
        }
        Conversation c = conversation.get();
        if (store.consent(c.tenantId(), c.customerNumber()).map(OptOut::optedOut).orElse(false)) {
            LOG.log(System.Logger.Level.DEBUG, "no survey for {0}: the customer opted out", ended.contactId());
            return;
        }
        Optional<NumberRoute> route = directory.route(c.entryNumber());
        if (route.isEmpty()) {
            return;
        }
        if (store.surveyAsked(new PendingSurvey(c.contactId(), c.tenantId(), c.customerNumber(), c.entryNumber(), clock.instant()))) {
            background.execute(() -> autoReplies.send("survey:" + c.contactId(), route.get(), c.customerNumber(), c.contactId(),
                    question(route.get().tenantName())));
        }
    }
}
