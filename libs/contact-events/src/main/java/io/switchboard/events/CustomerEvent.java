package io.switchboard.events;

/** Events about one customer, keyed by the customer id. */
public sealed interface CustomerEvent extends SwitchboardEvent permits CustomerUpdated, CustomerMerged, CustomerUnmerged {

    String customerId();

    @Override
    default String subject() {
        return customerId();
    }
}
