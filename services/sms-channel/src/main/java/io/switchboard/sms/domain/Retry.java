package io.switchboard.sms.domain;

import java.time.Duration;

/** Exponential backoff between provider attempts. */
final class Retry {

    private Retry() {
    }

    /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt−1), capped; a provider's Retry-After wins when longer. */
    static Duration backoff(SmsRules rules, int attempt) {
        long initial = rules.initialBackoff().toMillis();
        long millis = initial << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, rules.maxBackoff().toMillis()));
    }

    /** Sends with retries on temporary refusals; the last refusal when it never passed. */
    static SmsGateway.Sent send(SmsGateway gateway, OutgoingSms sms, SmsRules rules, String what)
            throws GatewayException, InterruptedException {
        int attempts = Math.max(1, rules.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.send(sms);
            } catch (GatewayException refused) {
                System.Logger log = System.getLogger(Retry.class.getName());
                log.log(System.Logger.Level.WARNING, "{0}, attempt {1} of {2}: {3}", what, attempt, attempts, refused.getMessage());
                if (refused.permanent() || attempt >= attempts) {
                    throw refused;
                }
                Thread.sleep(backoff(rules, attempt).toMillis());
            }
        }
    }
}
