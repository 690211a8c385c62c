package io.switchboard.customer360.persistence;

import java.util.Map;

import io.switchboard.customer360.domain.CustomerRecord;
import io.switchboard.events.address.Address;

/** Entity to domain record conversions. */
final class Records {

    private Records() {
    }

    static CustomerRecord customer(CustomerEntity c) {
        return new CustomerRecord(c.id, c.tenantId, c.rootId, c.mergedInto, c.displayName, c.language, c.vip, c.notes,
                c.createdAt, c.erasedAt);
    }

    static Map<String, String> describe(Address address) {
        return address.platform() == null
                ? Map.of("kind", address.kind().name(), "value", address.value())
                : Map.of("kind", address.kind().name(), "value", address.value(), "platform", address.platform().name());
    }
}
