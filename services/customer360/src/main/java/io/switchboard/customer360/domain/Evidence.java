package io.switchboard.customer360.domain;

import java.util.Objects;

import io.switchboard.events.address.Address;

/**
 * One identifier a contact carried, and whether it is proof of who the sender is. Strong means the
 * sender controls it: a phone number the network delivered on a voice or SMS channel, or an email
 * address the channel verified. Anything typed into a form, social handles and chat visitor ids are weak.
 */
public record Evidence(Address address, boolean strong) {

    public Evidence {
        Objects.requireNonNull(address, "address");
    }
}
