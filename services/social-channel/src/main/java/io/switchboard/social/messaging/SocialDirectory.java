package io.switchboard.social.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.service.config.EntryPointDirectory;
import io.switchboard.social.domain.AccountDirectory;
import io.switchboard.social.domain.Route;

/** The tenants' SOCIAL entry points ({@code platform:account-id}), from {@code switchboard.config.v1}. */
@ApplicationScoped
public class SocialDirectory extends EntryPointDirectory implements AccountDirectory {

    public SocialDirectory() {
        super(Channel.SOCIAL, SocialDirectory::normalize);
    }

    /** One spelling per account: the platform's lower-case name, a colon, the id as given. */
    static String normalize(String address) {
        try {
            return SocialAccount.parse(address).address();
        } catch (InvalidAddressException e) {
            return address.strip();
        }
    }

    @Override
    public Optional<Route> lookup(SocialAccount account) {
        return lookup(account.address()).map(r -> new Route(r.tenantId(), r.tenantName(), r.address()));
    }
}
