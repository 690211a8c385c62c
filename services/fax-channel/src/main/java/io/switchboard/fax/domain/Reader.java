package io.switchboard.fax.domain;

import java.util.Set;

/**
 * Who reads faxes through the API: an agent the faxes whose contact routing offered or assigned to
 * them, a supervisor (or admin) every fax of their tenants; nobody another tenant's.
 */
public record Reader(String agentId, Set<String> tenants, boolean supervisor) {

    public Reader {
        tenants = Set.copyOf(tenants);
    }
}
