package io.switchboard.admin.domain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Agents' SIP phone passwords. Only the digest HA1 is kept and published, on the phone-credentials
 * topic that only the voice gateway reads; the password is never stored, logged or audited. An admin
 * sets them for the agents they may manage, as for the agent itself.
 */
public final class PhoneService {

    private final IdentityDirectory directory;
    private final ConfigStore store;
    private final ConfigPublisher publisher;
    private final Clock clock;
    private final String realm;

    /** @param realm the voice gateway's digest realm, which every HA1 is bound to */
    public PhoneService(IdentityDirectory directory, ConfigStore store, ConfigPublisher publisher, Clock clock, String realm) {
        this.directory = directory;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.realm = realm;
    }

    /** Which of the tenant's agents have a phone password, and since when. */
    public List<PhoneCredentials.Status> phones(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> tx.phoneCredentialsOf(tenantId).stream().map(PhoneCredentials::status).toList());
    }

    public PhoneCredentials.Status setPassword(Actor actor, String tenantId, String username, String password) {
        AgentSettings agent = manageable(actor, tenantId, username);
        ConfigValidator.phonePassword(username, password);
        PhoneCredentials credentials = new PhoneCredentials(username, agent.tenants().get(0), realm,
                PhoneCredentials.ha1(username, realm, password), clock.instant());
        Change<PhoneCredentials.Status> change = store.inTransaction(tx -> {
            Optional<PhoneCredentials> before = tx.phoneCredentials(username);
            if (before.isPresent() && before.get().ha1().equals(credentials.ha1())
                    && before.get().tenantId().equals(credentials.tenantId())) {
                return new Change<>(before.get().status(), false, List.of());
            }
            tx.putPhoneCredentials(credentials);
            tx.audit(AuditEntry.of(actor, tenantId, "phone", username, before.map(PhoneCredentials::status).orElse(null),
                    credentials.status()));
            tx.publish(ConfigSnapshots.phone(credentials, true, clock.instant()));
            return new Change<>(credentials.status(), true, List.of());
        });
        if (change.changed()) {
            publisher.flush();
        }
        return change.value();
    }

    /** The agent's phone can no longer register. */
    public void remove(Actor actor, String tenantId, String username) {
        manageable(actor, tenantId, username);
        store.inTransaction(tx -> {
            PhoneCredentials before = tx.phoneCredentials(username)
                    .orElseThrow(() -> new NotFoundException("agent '" + username + "' has no phone password"));
            withdraw(tx, actor, tenantId, before);
            return null;
        });
        publisher.flush();
    }

    /** Withdraws the phone of an agent who was deleted or disabled, in the caller's transaction. */
    void withdrawIfAny(ConfigTransaction tx, Actor actor, String tenantId, String username) {
        tx.phoneCredentials(username).ifPresent(before -> withdraw(tx, actor, tenantId, before));
    }

    private void withdraw(ConfigTransaction tx, Actor actor, String tenantId, PhoneCredentials before) {
        tx.deletePhoneCredentials(before.agentId());
        if (actor != null) {
            tx.audit(AuditEntry.of(actor, tenantId, "phone", before.agentId(), before.status(), null));
        }
        tx.publish(ConfigSnapshots.phone(before, false, clock.instant()));
    }

    private AgentSettings manageable(Actor actor, String tenantId, String username) {
        actor.requireWrite(tenantId);
        AgentSettings agent = directory.find(username).filter(a -> a.tenants().contains(tenantId))
                .orElseThrow(() -> new NotFoundException("no agent '" + username + "' in tenant '" + tenantId + "'"));
        AgentService.requireManageable(actor, tenantId, agent);
        return agent;
    }
}
