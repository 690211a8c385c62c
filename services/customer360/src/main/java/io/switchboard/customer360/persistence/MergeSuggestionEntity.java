package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "merge_suggestion")
public class MergeSuggestionEntity {

    public static final String OPEN = "OPEN";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DISMISSED = "DISMISSED";

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "other_customer_id")
    public UUID otherCustomerId;
    /** JSON: the identifier of each customer that this contact carried. */
    public String evidence;
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "created_at")
    public Instant createdAt;
    public String status;
}
