package io.switchboard.events.address;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A company's own account on a messaging platform, as an entry point's address: the platform's
 * lower-case name, a colon and the platform's id for it (a WhatsApp phone number id, a Facebook page
 * id, an Instagram account id, a Telegram bot's user name), e.g. {@code whatsapp:100000000000001}.
 */
public record SocialAccount(SocialPlatform platform, String accountId) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    public SocialAccount {
        if (platform == null) {
            throw new InvalidAddressException("a social account needs a platform");
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidAddressException("not a valid " + platform + " account id: '" + accountId + "'");
        }
    }

    /** Reads {@code platform:id}; the platform's name is case-insensitive. */
    public static SocialAccount parse(String address) {
        int colon = address == null ? -1 : address.indexOf(':');
        if (colon <= 0) {
            throw new InvalidAddressException("a social account is written platform:id (e.g. whatsapp:100000000000001), not '"
                    + address + "'");
        }
        String name = address.substring(0, colon).trim().toUpperCase(Locale.ROOT);
        SocialPlatform platform = Arrays.stream(SocialPlatform.values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidAddressException("unknown platform '" + address.substring(0, colon)
                        + "' (one of whatsapp, messenger, instagram, telegram)"));
        return new SocialAccount(platform, address.substring(colon + 1).trim());
    }

    /** The entry point's address: {@code whatsapp:100000000000001}. */
    public String address() {
        return platform.name().toLowerCase(Locale.ROOT) + ":" + accountId;
    }
}
