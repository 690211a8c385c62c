package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "customer")
public class CustomerEntity {

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "root_id")
    public UUID rootId;
    @Column(name = "merged_into")
    public UUID mergedInto;
    @Column(name = "display_name")
    public String displayName;
    public String language;
    public boolean vip;
    public String notes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "erased_at")
    public Instant erasedAt;
}
