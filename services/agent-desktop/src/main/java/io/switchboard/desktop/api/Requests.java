package io.switchboard.desktop.api;

/** The bodies the inbox sends. */
final class Requests {

    private Requests() {
    }

    record Presence(String state) {
    }

    record OfferAnswer(String offerId) {
    }

    record Reply(String text) {
    }

    record Transfer(String queueId, String agentId, String note) {
    }

    record WrapUp(String disposition) {
    }

    /** A call to place: {@code to} the customer's number; {@code tenantId} and {@code from} (the caller id) optional. */
    record Call(String to, String tenantId, String from) {
    }
}
