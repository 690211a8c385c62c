package io.switchboard.email.domain;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactSurveyAnswered;

/**
 * The satisfaction survey of an email contact: every reply an agent sends in the thread ends with a
 * link holding an unguessable token (one per contact, valid {@link #VALID_FOR}); the page behind it
 * takes one rating of 1 to 5 and a comment and publishes {@code contact.survey.answered}. The rating
 * is claimed before it is published and given up again when Kafka does not acknowledge it.
 */
@ApplicationScoped
public class EmailSurveys {

    public static final Duration VALID_FOR = Duration.ofDays(14);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmailStore store;
    private final ContactEvents publisher;
    private final EmailSettings config;

    public EmailSurveys(EmailStore store, ContactEvents publisher, EmailSettings config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    /** What a thread reply ends with: the contact's survey link (made on its first reply). */
    public String footer(String tenantId, String contactId) throws StoreException {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        Instant now = Instant.now();
        String token = store.surveyToken(tenantId, contactId, Base64.getUrlEncoder().withoutPadding().encodeToString(random), now,
                now.plus(VALID_FOR));
        return "\n\n--\nHow did we do? Rate this conversation: " + config.publicUrl() + "/api/survey/" + token + "\n";
    }

    /** The survey behind a token, if it exists and has not expired. */
    public Optional<SurveyLink> survey(String token) throws StoreException {
        return token == null || token.length() > 64 ? Optional.empty()
                : store.survey(token).filter(s -> s.expiresAt().isAfter(Instant.now()));
    }

    public enum Outcome {
        ANSWERED, UNKNOWN, ALREADY_ANSWERED
    }

    /** The customer's rating; a score outside 1 to 5 or a long comment is refused by the event itself. */
    public Outcome answer(String token, int score, String comment) throws StoreException {
        Optional<SurveyLink> survey = survey(token);
        if (survey.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        Instant now = Instant.now();
        ContactSurveyAnswered answered = new ContactSurveyAnswered(
                UUID.nameUUIDFromBytes(("survey:" + survey.get().contactId()).getBytes(StandardCharsets.UTF_8)), survey.get().tenantId(),
                now, survey.get().contactId(), Channel.EMAIL, score, comment);
        if (!store.claimSurvey(token, now)) {
            return Outcome.ALREADY_ANSWERED;
        }
        try {
            publisher.publish(List.of(publisher.encode(answered)), config.publishTimeout());
        } catch (RuntimeException notAcknowledged) {
            store.releaseSurvey(token);
            throw notAcknowledged;
        }
        return Outcome.ANSWERED;
    }
}
