package io.switchboard.fax.api.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which SMTP clients may deliver faxes: those on the allow-list of client IPs, and any that sends the
 * shared secret in the configured header. With neither configured the mail path takes nothing.
 */
final class GatewayAuthorisation {

    private final Set<String> clients;
    private final Optional<String> secret;
    private final String header;

    GatewayAuthorisation(Optional<List<String>> clients, Optional<String> secret, String header) {
        this.clients = Set.copyOf(clients.orElse(List.of()).stream().map(String::strip).filter(c -> !c.isEmpty()).toList());
        this.secret = secret.filter(s -> !s.isBlank());
        this.header = header;
    }

    boolean allowsClient(String ip) {
        return clients.contains(ip);
    }

    /** Whether a client not on the list may still go on to DATA and prove itself with the secret. */
    boolean acceptsSecret() {
        return secret.isPresent();
    }

    String header() {
        return header;
    }

    boolean secretMatches(String sent) {
        return secret.isPresent() && sent != null && MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                sent.strip().getBytes(StandardCharsets.UTF_8));
    }
}
