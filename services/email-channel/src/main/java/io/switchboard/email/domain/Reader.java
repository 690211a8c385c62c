package io.switchboard.email.domain;

import java.util.Set;

/**
 * Who reads mail through the API: an agent sees the contacts routing offered or assigned to them, a
 * supervisor (or admin) every contact of their tenants; nobody sees another tenant's.
 */
public record Reader(String agentId, Set<String> tenants, boolean supervisor) {

    public Reader {
        tenants = Set.copyOf(tenants);
    }
}
