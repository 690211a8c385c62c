package io.switchboard.social.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.switchboard.events.address.SocialPlatform;

/**
 * When a business may send free-form messages, counted from the customer's last message by the
 * platform's own timestamp:
 * <ul>
 * <li>WhatsApp: 24 hours (the customer-service window); after it only approved templates.</li>
 * <li>Messenger and Instagram: 24 hours of standard messaging; then, with the HUMAN_AGENT tag enabled,
 * up to 7 days, each such message sent with that tag; after that nothing (they have no templates).</li>
 * <li>Telegram: no window (a bot may write to anyone who started it).</li>
 * </ul>
 *
 * @param open     free-form may be sent now
 * @param closesAt when free-form stops being allowed (null for Telegram)
 * @param tag      the message tag a send needs now (HUMAN_AGENT), or null
 */
public record ServiceWindow(boolean open, Instant closesAt, String tag) {

    public static final Duration STANDARD = Duration.ofHours(24);
    public static final Duration HUMAN_AGENT = Duration.ofDays(7);
    public static final String HUMAN_AGENT_TAG = "HUMAN_AGENT";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public static ServiceWindow of(SocialPlatform platform, Instant lastInbound, Instant now, boolean humanAgentTag) {
        if (platform == SocialPlatform.TELEGRAM) {
            return new ServiceWindow(true, null, null);
        }
        Instant standard = lastInbound.plus(STANDARD);
        if (now.isBefore(standard)) {
            return new ServiceWindow(true, platform == SocialPlatform.WHATSAPP || !humanAgentTag ? standard
                    : lastInbound.plus(HUMAN_AGENT), null);
        }
        if (platform != SocialPlatform.WHATSAPP && humanAgentTag) {
            Instant tagged = lastInbound.plus(HUMAN_AGENT);
            return now.isBefore(tagged) ? new ServiceWindow(true, tagged, HUMAN_AGENT_TAG) : new ServiceWindow(false, tagged, null);
        }
        return new ServiceWindow(false, standard, null);
    }

    /** Why a free-form reply is refused, in words an agent can act on. */
    public String closedReason(SocialPlatform platform) {
        String when = WHEN.format(closesAt);
        return switch (platform) {
            case WHATSAPP -> "WhatsApp's 24-hour customer service window closed at " + when + "; send an approved template";
            case MESSENGER, INSTAGRAM -> (platform == SocialPlatform.MESSENGER ? "Messenger" : "Instagram")
                    + "'s messaging window closed at " + when + "; the customer has to write again before you can reply";
            case TELEGRAM -> "the conversation cannot be answered";
        };
    }
}
