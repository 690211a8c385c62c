package io.switchboard.customer360.domain;

import java.util.List;

/**
 * What a new contact says about its customer. The first identifier is the customer's own address on
 * the contact (the sender of an inbound contact, the recipient of an outbound one).
 */
public record ContactEvidence(String tenantId, String contactId, List<Evidence> identifiers, String displayName,
        String language) {

    public ContactEvidence {
        identifiers = List.copyOf(identifiers);
    }
}
