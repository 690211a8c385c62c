package io.switchboard.reporting.domain;

import java.util.Locale;
import java.util.Map;

import io.switchboard.events.address.Address;

/**
 * Who a contact is for first-contact resolution: customer360's customer of the sender's address (its
 * latest snapshot that lists the address, followed through merges), else the address itself.
 */
public final class CustomerKeys {

    /** Merges are followed at most this far; customer360 merges into a group's root, so chains stay short. */
    public static final int MAX_MERGE_HOPS = 16;
    /** How a resolved customer's key starts; any other key is an address. */
    public static final String CUSTOMER_PREFIX = "customer:";

    private CustomerKeys() {
    }

    /** An address as a key, e.g. {@code phone:+447700900123} or {@code social:telegram/@jane}. */
    public static String of(Address address) {
        String kind = address.kind().name().toLowerCase(Locale.ROOT);
        return address.platform() == null ? kind + ":" + address.value()
                : kind + ":" + address.platform().name().toLowerCase(Locale.ROOT) + "/" + address.value();
    }

    /**
     * @param customerOfAddress address key to the customer id whose latest snapshot lists it
     * @param mergedInto        merged customer id to the customer it was folded into
     */
    public static String resolve(String fromKey, Map<String, String> customerOfAddress, Map<String, String> mergedInto) {
        if (fromKey == null) {
            return null;
        }
        String customer = customerOfAddress.get(fromKey);
        if (customer == null) {
            return fromKey;
        }
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            String into = mergedInto.get(customer);
            if (into == null || into.equals(customer)) {
                break;
            }
            customer = into;
        }
        return CUSTOMER_PREFIX + customer;
    }
}
