package io.switchboard.customer360.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.switchboard.events.Channel;

@Entity
@Table(name = "contact_link")
public class ContactLinkEntity {

    @Id
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
}
