package io.switchboard.customer360.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "tenant_setting")
public class TenantSettingEntity {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "default_region")
    public String defaultRegion;
}
