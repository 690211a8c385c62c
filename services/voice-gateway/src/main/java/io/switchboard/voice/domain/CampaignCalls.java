package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.address.Address;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Signalling;

/**
 * The campaign service's requests for one dialling attempt each. A repeated request (the same event or
 * contact id) is placed once. Before anything is dialled the attempt must pass, in this order: its age,
 * the DID being the tenant's, the number not opted out, an outbound trunk, every survey prompt known, the
 * preview agent's phone registered here, the tenant's dial plan and rate caps; a refusal is reported FAILED
 * with the reason and nothing else happens. Then a preview call is an agent's own call with the campaign's
 * metadata ({@link OwnCalls}); a predictive or survey call rings the customer first ({@link CampaignProgress}).
 */
public final class CampaignCalls {

    private static final Logger LOG = Logger.getLogger(CampaignCalls.class);
    /** Attempts remembered against redelivery; far more than a gateway places in the time a redelivery takes. */
    static final int REMEMBERED = 10_000;

    private final VoiceDirectory directory;
    private final Registrar registrar;
    private final OptOuts optOuts;
    private final PublicDialing dialing;
    private final PromptLibrary prompts;
    private final Media media;
    private final Signalling signalling;
    private final OwnCalls ownCalls;
    private final CampaignProgress progress;
    private final AttemptResults results;
    private final Clock clock;
    private final CallSettings settings;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 2 * REMEMBERED;
        }
    };

    public CampaignCalls(VoiceDirectory directory, Registrar registrar, OptOuts optOuts, PublicDialing dialing, PromptLibrary prompts,
            Media media, Signalling signalling, OwnCalls ownCalls, CampaignProgress progress, AttemptResults results, Clock clock,
            CallSettings settings) {
        this.directory = directory;
        this.registrar = registrar;
        this.optOuts = optOuts;
        this.dialing = dialing;
        this.prompts = prompts;
        this.media = media;
        this.signalling = signalling;
        this.ownCalls = ownCalls;
        this.progress = progress;
        this.results = results;
        this.clock = clock;
        this.settings = settings;
    }

    public void request(CampaignAttempt attempt) {
        if (!firstTime(attempt)) {
            LOG.debugf("campaign attempt %s already taken: not dialled again", attempt.contactId());
            return;
        }
        List<String> questions = new ArrayList<>();
        Optional<String> refusal = refusal(attempt, questions);
        if (refusal.isPresent()) {
            LOG.infof("campaign attempt %s of campaign %s not placed: %s", attempt.contactId(), attempt.campaignId(), refusal.get());
            results.refused(attempt, refusal.get());
            return;
        }
        AudioLeg customerMedia;
        try {
            customerMedia = media.open("customer");
        } catch (MediaUnavailableException full) {
            results.refused(attempt, "no free media port");
            return;
        }
        String did = directory.lookup(attempt.entryPoint()).orElseThrow().address();
        Call call = new Call(attempt.contactId(), signalling.newCallId(), attempt.tenantId(), did, attempt.to(), clock.now(), customerMedia,
                OwnCalls.PCMU, OwnCalls.TELEPHONE_EVENT, true);
        call.campaign = attempt;
        call.questions = List.copyOf(questions);
        if (attempt.preview()) {
            ownCalls.dialPreview(call, new OwnCalls.Request(attempt.contactId(), attempt.tenantId(), attempt.agentId(), did,
                    Address.phone(attempt.to(), null)), attempt.queueId());
        } else {
            progress.dial(call, directory.name(attempt.tenantId()).orElse(null));
        }
    }

    private synchronized boolean firstTime(CampaignAttempt attempt) {
        boolean first = seen.putIfAbsent("contact:" + attempt.contactId(), true) == null;
        if (attempt.eventId() != null) {
            first &= seen.putIfAbsent("event:" + attempt.eventId(), true) == null;
        }
        return first;
    }

    /** Why the attempt is not placed, if it is not; the survey's prompts, resolved for the tenant, go into {@code questions}. */
    private Optional<String> refusal(CampaignAttempt attempt, List<String> questions) {
        Duration age = Duration.between(attempt.requestedAt(), clock.now());
        if (age.compareTo(settings.campaign().maxRequestAge()) > 0) {
            return Optional.of("the request expired (" + age.toSeconds() + " s old)");
        }
        Optional<EntryPointRoute> did = directory.lookup(attempt.entryPoint()).filter(route -> route.tenantId().equals(attempt.tenantId()));
        if (did.isEmpty()) {
            return Optional.of(attempt.entryPoint() + " is not a voice number of tenant " + attempt.tenantId());
        }
        if (optOuts.optedOut(attempt.tenantId(), attempt.to())) {
            return Optional.of("opted out");
        }
        if (!settings.outboundTrunk()) {
            return Optional.of("no outbound trunk configured");
        }
        for (String name : attempt.surveyPrompts()) {
            Optional<String> prompt = prompts.resolve(attempt.tenantId(), name);
            if (prompt.isEmpty()) {
                return Optional.of("unknown prompt " + name);
            }
            questions.add(prompt.get());
        }
        if (attempt.preview() && registrar.lookup(attempt.agentId(), clock.now()).isEmpty()) {
            return Optional.of("agent " + attempt.agentId() + " has no registered phone");
        }
        return dialing.admit(attempt.tenantId(), attempt.agentId(), attempt.contactId(), attempt.to())
                .map(reason -> "refused by the dial plan: " + reason.label());
    }
}
