package io.switchboard.sms.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.Direction;
import io.switchboard.events.OptOutChanged;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;

/**
 * Turns one inbound text into contact events: find the tenant by the number texted, recognise a
 * provider's retry, apply a compliance keyword, join the customer's open contact within the window or
 * open a new one, store the text with its files and events in one transaction, publish, and only then
 * report success. A text seen before (same provider and message id) is never published twice; if its
 * events were stored but not acknowledged, they are published again with the same ids.
 */
public class InboundService {

    public static final URI SOURCE = URI.create("/channels/sms");
    private static final System.Logger LOG = System.getLogger(InboundService.class.getName());

    private final SmsStore store;
    private final EventSink events;
    private final NumberDirectory directory;
    private final MediaFetcher media;
    private final AutoReplies autoReplies;
    private final Executor background;
    private final SmsRules rules;
    private final Clock clock;

    public InboundService(SmsStore store, EventSink events, NumberDirectory directory, MediaFetcher media,
            AutoReplies autoReplies, Executor background, SmsRules rules, Clock clock) {
        this.store = store;
        this.events = events;
        this.directory = directory;
        this.media = media;
        this.autoReplies = autoReplies;
        this.background = background;
        this.rules = rules;
        this.clock = clock;
    }

    public InboundOutcome receive(InboundSms sms) throws InvalidSmsException, UnknownNumberException, UnavailableException {
        if (sms.providerMessageId() == null || sms.providerMessageId().isBlank()) {
            throw new InvalidSmsException("the provider's message id is missing");
        }
        String to = phone(sms.to(), null, "To");
        Optional<NumberRoute> found = directory.route(to);
        if (found.isEmpty() && !directory.loaded()) {
            // Right after a start: a 404 now would be final for the provider, a 503 is retried once the number is known.
            throw new UnavailableException(to + " is not known yet: the tenants' configuration is still loading");
        }
        NumberRoute route = found.orElseThrow(() -> new UnknownNumberException(to + " is not an SMS entry point of any tenant"));
        String from = phone(sms.from(), route.defaultRegion(), "From");
        String body = sms.body() == null ? "" : sms.body();
        checkText(body);
        try {
            Optional<KnownInbound> known = store.findInbound(sms.provider(), sms.providerMessageId());
            if (known.isPresent()) {
                return replay(known.get());
            }
            try {
                return store(sms, route, from, body);
            } catch (DuplicateException raced) {
                return replay(store.findInbound(sms.provider(), sms.providerMessageId()).orElseThrow());
            }
        } catch (StoreException e) {
            throw new UnavailableException("the message store is unavailable", e);
        }
    }

    /** Publishes what was stored but never acknowledged (the provider went away, or the service died). */
    public int publishPending(Instant storedBefore) throws StoreException {
        int published = 0;
        for (UUID id : store.pendingBefore(storedBefore, 100)) {
            try {
                publish(id, store.events(id));
                published++;
            } catch (UnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "pending text {0} still not published: {1}", id, e.getMessage());
                break;
            }
        }
        return published;
    }

    private InboundOutcome store(InboundSms sms, NumberRoute route, String from, String body)
            throws StoreException, DuplicateException, UnavailableException {
        Instant now = clock.instant();
        UUID smsId = UUID.randomUUID();
        Optional<Keyword> keyword = Keyword.of(body);
        Optional<OptOut> consent = keyword.filter(k -> k != Keyword.HELP)
                .map(k -> new OptOut(route.tenantId(), from, k == Keyword.OPT_OUT, Keyword.word(body), now));
        Optional<Conversation> open = store.openConversation(route.tenantId(), from, route.number());

        if (keyword.isEmpty() && open.isEmpty()) {
            Optional<InboundOutcome> answered = surveyAnswer(sms, route, from, body, smsId, now);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        List<StoredEvent> consentEvents = consent.map(c -> List.of(events.encode(optOutChanged(c, smsId)))).orElse(List.of());
        if (keyword.isPresent() && open.isEmpty()) {
            // A bare keyword is not new work for the center: recorded and answered, no contact; a STOP or
            // START still goes to the consent topic, for campaigns and surveys.
            store.saveInbound(Optional.empty(), new InboundRecord(smsId, route.tenantId(), sms.provider(), sms.providerMessageId(),
                    null, from, route.number(), body, keyword.get().name(), !consentEvents.isEmpty(), now), List.of(), consent,
                    consentEvents);
            if (!consentEvents.isEmpty()) {
                publish(smsId, consentEvents);
            }
            answer(keyword.get(), route, from, smsId, null);
            return new InboundOutcome(InboundOutcome.Kind.KEYWORD, smsId.toString(), null);
        }
        // A keyword shows in the open contact whatever its age (the agent must see why replies stop);
        // other texts join it only within the window.
        Optional<Conversation> joined = keyword.isPresent() ? open
                : open.filter(c -> c.lastInboundAt().isAfter(now.minus(rules.window())));
        Optional<Conversation> created = joined.isPresent() ? Optional.empty()
                : Optional.of(new Conversation(UUID.randomUUID().toString(), route.tenantId(), route.number(), from, now, now, null));
        Conversation conversation = joined.or(() -> created).orElseThrow();

        List<StoredMedia> files = new ArrayList<>();
        List<AttachmentRef> refs = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        fetchMedia(sms, route, smsId, files, refs, omitted);

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("smsId", smsId.toString());
        metadata.put("provider", sms.provider());
        metadata.put("providerMessageId", sms.providerMessageId());
        metadata.put("entryNumber", route.number());
        keyword.ifPresent(k -> metadata.put("keyword", Keyword.word(body)));
        keyword.ifPresent(k -> metadata.put("compliance", k.name()));
        if (!omitted.isEmpty()) {
            metadata.put("mediaOmitted", String.join("; ", omitted));
        }
        open.filter(c -> created.isPresent()).ifPresent(c -> metadata.put("previousContactId", c.contactId()));

        Address customer = new Address(AddressKind.PHONE, from, null);
        Address entry = new Address(AddressKind.PHONE, route.number(), null);
        List<ContactEvent> contactEvents = new ArrayList<>();
        if (created.isPresent()) {
            contactEvents.add(new ContactCreated(UUID.randomUUID(), route.tenantId(), now, conversation.contactId(), Channel.SMS,
                    Direction.INBOUND, route.number(), customer, entry, Map.of(), null, body, refs, null, 0, metadata));
        }
        contactEvents.add(new ContactMessageReceived(UUID.randomUUID(), route.tenantId(), now, conversation.contactId(),
                smsId.toString(), Channel.SMS, customer, body, refs, metadata));
        List<StoredEvent> stored = new ArrayList<>(contactEvents.stream().map(events::encode).toList());
        stored.addAll(consentEvents);
        store.saveInbound(created, new InboundRecord(smsId, route.tenantId(), sms.provider(), sms.providerMessageId(),
                conversation.contactId(), from, route.number(), body, keyword.map(Keyword::name).orElse(null), true, now),
                files, consent, stored);
        publish(smsId, stored);
        keyword.ifPresent(k -> answer(k, route, from, smsId, conversation.contactId()));
        return new InboundOutcome(InboundOutcome.Kind.ACCEPTED, smsId.toString(), conversation.contactId());
    }

    /** The opt-out as every service reads it; its id follows the text's, so a re-publication is the same event. */
    private static OptOutChanged optOutChanged(OptOut consent, UUID smsId) {
        return new OptOutChanged(UUID.nameUUIDFromBytes(("optout:" + smsId).getBytes(StandardCharsets.UTF_8)), consent.tenantId(),
                consent.changedAt(), new Address(AddressKind.PHONE, consent.number(), null), consent.optedOut(),
                consent.optedOut() ? "sms-stop" : "sms-start");
    }

    /** A score texted back within a day of the survey of the customer's last contact answers it, once. */
    private Optional<InboundOutcome> surveyAnswer(InboundSms sms, NumberRoute route, String from, String body, UUID smsId, Instant now)
            throws StoreException, DuplicateException, UnavailableException {
        Optional<SurveyAnswer> answer = SurveyAnswer.parse(body);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Optional<PendingSurvey> survey = store.pendingSurvey(route.tenantId(), from, route.number(), now.minus(SmsSurveys.ANSWER_WINDOW));
        if (survey.isEmpty()) {
            return Optional.empty();
        }
        String contactId = survey.get().contactId();
        ContactSurveyAnswered answered;
        try {
            answered = new ContactSurveyAnswered(UUID.nameUUIDFromBytes(("survey:" + contactId).getBytes(StandardCharsets.UTF_8)),
                    route.tenantId(), now, contactId, Channel.SMS, answer.get().score(), answer.get().comment());
        } catch (IllegalArgumentException tooLong) {
            return Optional.empty();
        }
        List<StoredEvent> stored = List.of(events.encode(answered));
        InboundRecord record = new InboundRecord(smsId, route.tenantId(), sms.provider(), sms.providerMessageId(), contactId, from,
                route.number(), body, null, true, now);
        if (!store.saveSurveyAnswer(contactId, record, stored)) {
            return Optional.empty();
        }
        publish(smsId, stored);
        return Optional.of(new InboundOutcome(InboundOutcome.Kind.SURVEY, smsId.toString(), contactId));
    }

    private void fetchMedia(InboundSms sms, NumberRoute route, UUID smsId, List<StoredMedia> files, List<AttachmentRef> refs,
            List<String> omitted) throws UnavailableException {
        int index = 0;
        for (MediaLink link : sms.media()) {
            if (index++ >= rules.mediaMaxCount()) {
                omitted.add(link.contentType() + " (more than " + rules.mediaMaxCount() + " files)");
                continue;
            }
            try {
                FetchedMedia fetched = media.fetch(sms.provider(), link, rules.mediaMaxBytes());
                UUID id = UUID.randomUUID();
                String type = fetched.contentType() != null ? fetched.contentType() : link.contentType();
                files.add(new StoredMedia(id, route.tenantId(), smsId, type, link.url(), fetched.data()));
                refs.add(new AttachmentRef(id.toString(), "media-" + index + extension(type), type, fetched.data().length,
                        URI.create(rules.publicUrl() + "/api/media/" + id)));
            } catch (GatewayException e) {
                if (!e.permanent()) {
                    throw new UnavailableException("media " + link.url() + " could not be fetched now: " + e.getMessage());
                }
                omitted.add(link.contentType() + " (" + e.getMessage() + ")");
            }
        }
    }

    private void answer(Keyword keyword, NumberRoute route, String customer, UUID smsId, String contactId) {
        String text = switch (keyword) {
            case OPT_OUT -> "You have been unsubscribed from " + route.tenantName()
                    + " messages and will receive no more. Reply START to resubscribe.";
            case OPT_IN -> "You have been resubscribed to " + route.tenantName() + " messages. Reply STOP to unsubscribe.";
            case HELP -> rules.helpFor(route.tenantId(), route.tenantName());
        };
        background.execute(() -> autoReplies.send("auto:" + smsId, route, customer, contactId, text));
    }

    private InboundOutcome replay(KnownInbound known) throws StoreException, UnavailableException {
        if (known.pending()) {
            publish(known.id(), store.events(known.id()));
        }
        return new InboundOutcome(InboundOutcome.Kind.DUPLICATE, known.id().toString(), known.contactId());
    }

    private void publish(UUID smsId, List<StoredEvent> stored) throws UnavailableException {
        events.publish(stored);
        try {
            store.markPublished(smsId);
        } catch (StoreException e) {
            // the sweeper publishes the same events (same ids) again later: harmless
            LOG.log(System.Logger.Level.WARNING, "text {0} published but not marked: {1}", smsId, e.getMessage());
        }
    }

    static String phone(String raw, String region, String field) throws InvalidSmsException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidSmsException(field + " is missing");
        }
        try {
            return PhoneNumbers.e164(raw, region);
        } catch (InvalidSmsException e) {
            throw new InvalidSmsException(field + ": " + e.getMessage());
        }
    }

    /** Text that cannot be stored or shown as it is: unpaired surrogates and NUL. */
    static void checkText(String body) throws InvalidSmsException {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == 0) {
                throw new InvalidSmsException("Body contains a NUL character");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= body.length() || !Character.isLowSurrogate(body.charAt(i + 1))) {
                    throw new InvalidSmsException("Body contains an unpaired surrogate at " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidSmsException("Body contains an unpaired surrogate at " + i);
            }
        }
    }

    private static String extension(String contentType) {
        if (contentType == null) {
            return "";
        }
        return switch (contentType.toLowerCase(java.util.Locale.ROOT)) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "video/mp4" -> ".mp4";
            case "audio/mpeg" -> ".mp3";
            case "text/vcard", "text/x-vcard" -> ".vcf";
            default -> "";
        };
    }
}
