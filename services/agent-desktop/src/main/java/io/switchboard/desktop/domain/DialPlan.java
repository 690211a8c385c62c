package io.switchboard.desktop.domain;

import java.util.List;
import java.util.Optional;

import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * What a tenant's agents call customers with: the region a number without a country code is read
 * in, and the tenant's voice numbers (its VOICE entry points), which the customer sees as the
 * caller id. The first number is the default.
 */
public record DialPlan(String tenantId, String region, List<String> callerIds) {

    public DialPlan {
        callerIds = List.copyOf(callerIds);
    }

    /** The customer's number in E.164; throws {@link InvalidAddressException} for anything that is not a valid number. */
    public Address customerNumber(String number) {
        return Address.phone(number, region);
    }

    /**
     * The caller id to show: the tenant's first number when none is asked for, else the tenant's
     * number that {@code requested} names (in any spelling of it), or empty when it is not theirs.
     */
    public Optional<String> callerId(String requested) {
        if (requested == null || requested.isBlank()) {
            return callerIds.stream().findFirst();
        }
        String wanted = comparable(requested);
        return callerIds.stream().filter(number -> comparable(number).equals(wanted)).findFirst();
    }

    private String comparable(String number) {
        try {
            return Address.phone(number, region).value();
        } catch (InvalidAddressException notANumber) {
            return number.strip();
        }
    }
}
