-- What callers hear and agents' phones: IVR menus on voice entry points, the tenants' recordings,
-- and the phones' digest credentials (HA1 only, never a password).

ALTER TABLE entry_point ADD COLUMN ivr jsonb;

CREATE TABLE prompt (
    tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
    name        text NOT NULL,
    description text,
    audio       bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE phone_credentials (
    agent_id    text PRIMARY KEY,
    tenant_id   text NOT NULL,
    realm       text NOT NULL,
    ha1         text NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX phone_credentials_tenant ON phone_credentials (tenant_id);
