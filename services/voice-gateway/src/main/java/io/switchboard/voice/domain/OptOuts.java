package io.switchboard.voice.domain;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.switchboard.events.OptOutChanged;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Who asked not to be called, per tenant and number: the latest word of the compacted consent topic
 * (an SMS STOP, a do-not-call entry; a START gives consent again). Numbers are compared as E.164, a
 * national one read in the tenant's region.
 */
public final class OptOuts {

    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Function<String, Optional<String>> regions;

    /** {@code regions}: a tenant's default region, for callers' national numbers. */
    public OptOuts(Function<String, Optional<String>> regions) {
        this.regions = regions;
    }

    public void apply(OptOutChanged change) {
        String key = key(change.tenantId(), change.address().value(), null);
        if (change.optedOut()) {
            optedOut.add(key);
        } else {
            optedOut.remove(key);
        }
    }

    /** Whether {@code number} (E.164, or national in the tenant's region) opted out for {@code tenantId}. */
    public boolean optedOut(String tenantId, String number) {
        return number != null && optedOut.contains(key(tenantId, number, regions.apply(tenantId).orElse(null)));
    }

    private static String key(String tenantId, String number, String region) {
        String e164;
        try {
            e164 = Address.phone(number, region).value();
        } catch (InvalidAddressException notANumber) {
            // Withheld or not a phone number: compared as given.
            e164 = number.strip();
        }
        return tenantId + '\n' + e164;
    }
}
