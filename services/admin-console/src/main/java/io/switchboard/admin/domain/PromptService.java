package io.switchboard.admin.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.switchboard.events.PromptConfigured;

/**
 * A tenant's recordings for callers (menus, time-branch greetings, the closed prompt): uploaded,
 * replaced, listed, played back and deleted. Each change is audited and published as a
 * {@link PromptConfigured} with its audio, which the voice gateway plays from then on.
 */
public final class PromptService {

    private final ConfigStore store;
    private final ConfigPublisher publisher;
    private final Clock clock;

    public PromptService(ConfigStore store, ConfigPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    public List<PromptSettings> prompts(Actor actor, String tenantId) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> List.copyOf(tx.prompts(tenantId).values()));
    }

    /** The recording's 8 kHz μ-law samples. */
    public byte[] audio(Actor actor, String tenantId, String name) {
        actor.requireRead(tenantId);
        return store.inTransaction(tx -> tx.promptAudio(tenantId, name))
                .orElseThrow(() -> new NotFoundException("no prompt '" + name + "' in tenant '" + tenantId + "'"));
    }

    /** Uploads or replaces a recording ({@code ulaw}: 8 kHz μ-law samples). */
    public Change<PromptSettings> put(Actor actor, String tenantId, String name, String description, byte[] ulaw) {
        actor.requireWrite(tenantId);
        String text = description == null || description.isBlank() ? null : description.strip();
        ConfigValidator.prompt(name, text, ulaw == null ? 0 : ulaw.length);
        Change<PromptSettings> change = store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            ConfigurationService.requireTenant(tx, tenantId);
            PromptSettings before = tx.prompts(tenantId).get(name);
            if (before != null && Objects.equals(before.description(), text)
                    && tx.promptAudio(tenantId, name).map(audio -> Arrays.equals(audio, ulaw)).orElse(false)) {
                return new Change<>(before, false, List.of());
            }
            tx.putPrompt(tenantId, name, text, ulaw);
            PromptSettings after = tx.prompts(tenantId).get(name);
            tx.audit(AuditEntry.of(actor, tenantId, "prompt", name, before, after));
            tx.publish(ConfigSnapshots.prompt(tenantId, name, text, ulaw, clock.instant()));
            return new Change<>(after, true, List.of());
        });
        if (change.changed()) {
            publisher.flush();
        }
        return change;
    }

    /** A recording a menu, a time branch or the closed prompt still plays cannot go. */
    public void delete(Actor actor, String tenantId, String name) {
        actor.requireWrite(tenantId);
        store.inTransaction(tx -> {
            tx.lockTenant(tenantId);
            TenantSettings tenant = ConfigurationService.requireTenant(tx, tenantId);
            PromptSettings before = tx.prompts(tenantId).get(name);
            if (before == null) {
                throw new NotFoundException("no prompt '" + name + "' in tenant '" + tenantId + "'");
            }
            List<String> users = new ArrayList<>();
            if (name.equals(tenant.closedPrompt())) {
                users.add("the tenant's closed prompt");
            }
            tx.entryPoints(tenantId).stream().filter(e -> e.ivr() != null && e.ivr().prompts().contains(name))
                    .forEach(e -> users.add("the menu of " + e.address()));
            if (!users.isEmpty()) {
                throw new ConflictException("prompt '" + name + "' is played by " + String.join(", ", users) + "; change those first");
            }
            tx.deletePrompt(tenantId, name);
            tx.audit(AuditEntry.of(actor, tenantId, "prompt", name, before, null));
            tx.publish(ConfigSnapshots.prompt(tenantId, name, null, null, clock.instant()));
            return null;
        });
        publisher.flush();
    }
}
