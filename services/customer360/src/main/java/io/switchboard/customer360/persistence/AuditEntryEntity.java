package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "other_customer_id")
    public UUID otherCustomerId;
    public String action;
    public String actor;
    public String reason;
    public Instant at;
    /** JSON: what changed (the identities a merge joined, the fields an edit set). */
    public String details;
}
