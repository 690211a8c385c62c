package io.switchboard.email.domain;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.service.config.EntryPointDirectory;
import io.switchboard.service.config.EntryPointRoute;

/** The email addresses this channel accepts mail for (tenants' EMAIL entry points), compared case-folded. */
@ApplicationScoped
public class EmailDirectory extends EntryPointDirectory {

    public EmailDirectory() {
        super(Channel.EMAIL, address -> address.strip().toLowerCase(Locale.ROOT));
    }

    /** The tenant's route for an address it owns (outbound replies are sent from it). */
    public Optional<EntryPointRoute> lookup(String tenantId, String address) {
        return lookup(address).filter(route -> route.tenantId().equals(tenantId));
    }
}
