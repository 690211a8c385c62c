package io.switchboard.sms.domain;

import java.time.Duration;
import java.util.Map;

/**
 * The channel's rules, from configuration.
 *
 * @param window          texts within this time of the customer's previous one join its open contact
 * @param publicUrl       the service's public base URL (media links in events)
 * @param mediaMaxBytes   a larger MMS file is left out (named in the message's metadata)
 * @param mediaMaxCount   files fetched per message at most
 * @param maxSegments     a longer reply is refused (permanent) rather than billed
 * @param helpText        the answer to HELP; {@code {tenant}} becomes the tenant's name
 * @param helpTexts       per-tenant answers to HELP, by tenant id
 * @param maxAttempts     provider calls per outbound text (429/5xx/unreachable are retried)
 * @param initialBackoff  the wait after the first failed attempt; doubled after each, up to {@code maxBackoff}
 */
public record SmsRules(Duration window, String publicUrl, long mediaMaxBytes, int mediaMaxCount, int maxSegments,
        String helpText, Map<String, String> helpTexts, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public SmsRules {
        publicUrl = publicUrl.replaceAll("/+$", "");
        helpTexts = Map.copyOf(helpTexts);
    }

    public String helpFor(String tenantId, String tenantName) {
        return helpTexts.getOrDefault(tenantId, helpText).replace("{tenant}", tenantName);
    }
}
