package io.switchboard.voice.domain;

/**
 * A call to the public network the gateway would not place, as audited.
 *
 * @param contactId the contact it belongs to: the call being transferred, or the agent's own call
 */
public record DialRefusal(String tenantId, String agentId, String contactId, String number, Reason reason) {

    /** Why; {@link #label()} is the audit's and the counter's name for it. */
    public enum Reason {
        INVALID_NUMBER, SHORT_CODE, COUNTRY_NOT_ALLOWED, PREMIUM_RATE, PERSONAL_NUMBER, NO_TENANT_REGION, AGENT_RATE, TENANT_RATE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Subscriber digits of a full number hidden: a customer's number is personal data, while its prefix shows where it led. */
    public String maskedNumber() {
        String text = number == null ? "" : number.strip();
        long digits = text.chars().filter(Character::isDigit).count();
        if (digits <= 6) {
            // Short codes and fragments identify nobody and are what the audit needs to show.
            return text;
        }
        return text.substring(0, text.length() - 4) + "****";
    }
}
