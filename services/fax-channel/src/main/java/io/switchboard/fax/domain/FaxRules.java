package io.switchboard.fax.domain;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The channel's limits: where the document URLs in events point ({@code publicUrl}), the largest
 * document taken, and the hosts a provider's document may be fetched from (a webhook naming any other
 * is refused, so a signed but misconfigured request cannot make this service fetch from inside the network).
 */
public record FaxRules(String publicUrl, long maxDocumentBytes, Set<String> mediaHosts) {

    public FaxRules {
        publicUrl = publicUrl.replaceAll("/+$", "");
        mediaHosts = mediaHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public String documentUrl(String faxId) {
        return publicUrl + "/api/fax/faxes/" + faxId + "/document";
    }

    public String thumbnailUrl(String faxId) {
        return publicUrl + "/api/fax/faxes/" + faxId + "/thumbnail";
    }
}
