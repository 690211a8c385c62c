package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;
import io.switchboard.events.address.SocialPlatform;

@Entity
@Table(name = "identity")
public class IdentityEntity {

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Enumerated(EnumType.STRING)
    public AddressKind kind;
    /** The social platform's name, or empty: part of the unique key, which must not hold nulls. */
    public String platform;
    public String value;
    public boolean strong;
    @Column(name = "first_seen")
    public Instant firstSeen;

    public Address address() {
        return new Address(kind, value, platform.isEmpty() ? null : SocialPlatform.valueOf(platform));
    }

    /** The identifier of a row read as a tuple: its kind, platform ('' for none) and value columns. */
    static Address address(String kind, String platform, String value) {
        return new Address(AddressKind.valueOf(kind), value,
                platform == null || platform.isEmpty() ? null : SocialPlatform.valueOf(platform));
    }

    public static String platformOf(Address address) {
        return address.platform() == null ? "" : address.platform().name();
    }
}
