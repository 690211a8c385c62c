package io.switchboard.desktop.api;

/** The bodies the inbox sends. */
final class Requests {

    private Requests() {
    }

    record Presence(String state) {
    }

    record OfferAnswer(String offerId) {
    }

    /**
     * A reply: free text, or (on WhatsApp outside its window) an approved template with its parameters and the rendered text;
     * {@code messageId}, when the client names one (a UUID), makes sending it again after a lost answer harmless.
     */
    record Reply(String text, Template template, String messageId) {
    }

    record Template(String name, String language, java.util.List<String> parameters) {
    }

    record Transfer(String queueId, String agentId, String note) {
    }

    record WrapUp(String disposition) {
    }

    /** The end of a contact's after-contact work: one of its queue's codes (where it has any) and notes. */
    record WrapUpDone(String dispositionCode, String notes) {
    }

    /** A call to place: {@code to} the customer's number; {@code tenantId} and {@code from} (the caller id) optional. */
    record Monitor(String mode) {
    }

    record Note(String text) {
    }

    record Policy(Double share, Integer minimumPerAgentPerWeek) {
    }

    record ScorecardBody(String name, java.util.List<io.switchboard.desktop.domain.Scorecard.Criterion> criteria) {
    }

    record Score(java.util.Map<String, Integer> scores, java.util.Map<String, String> comments, String comment) {
    }

    record Call(String to, String tenantId, String from) {
    }
}
