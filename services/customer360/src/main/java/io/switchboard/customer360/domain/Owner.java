package io.switchboard.customer360.domain;

import java.util.UUID;

/**
 * Who holds an identifier: the customer it belongs to, the root of that customer's merged group,
 * and whether the identifier was ever seen as proof.
 */
public record Owner(UUID customerId, UUID rootId, boolean strong) {
}
