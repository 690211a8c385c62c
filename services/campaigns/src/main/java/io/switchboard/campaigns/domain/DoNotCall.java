package io.switchboard.campaigns.domain;

import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.dialer.engine.ContactList;
import io.switchboard.events.OptOutChanged;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * A tenant's do-not-call list: kept in a table and published on the compacted consent topic as opt-outs with
 * source {@value #SOURCE}, in the same transaction (the outbox). Removing an entry publishes the opt-in only when
 * no other source (an SMS STOP) has the number opted out, so that it never clears another service's opt-out.
 */
public final class DoNotCall {

    public static final String SOURCE = "do-not-call";

    /** An entry and whether the number is opted out by any source on the consent topic. */
    public record Status(DoNotCallEntry entry, boolean optedOut) {
    }

    private final DoNotCallStore store;
    private final Directory directory;
    private final EventEncoder encoder;
    private final OutboxSignal outbox;
    private final Clock clock;

    public DoNotCall(DoNotCallStore store, Directory directory, EventEncoder encoder, OutboxSignal outbox, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.encoder = encoder;
        this.outbox = outbox;
        this.clock = clock;
    }

    public List<DoNotCallEntry> list(String tenantId) {
        return store.list(tenantId, 10_000);
    }

    public Optional<Status> find(String tenantId, String number) {
        String e164 = number(tenantId, number);
        Optional<DoNotCallEntry> entry = store.inTransaction(s -> s.find(tenantId, e164));
        boolean consent = store.optedOut(tenantId, e164);
        if (entry.isEmpty() && !consent) {
            return Optional.empty();
        }
        return Optional.of(new Status(entry.orElse(null), true));
    }

    /** @return the entry, and whether it is new */
    public Optional<DoNotCallEntry> put(String tenantId, String number, String user) {
        DoNotCallEntry entry = new DoNotCallEntry(tenantId, number(tenantId, number), user, clock.instant());
        List<DoNotCallEntry> added = store.inTransaction(s -> {
            List<DoNotCallEntry> fresh = s.add(List.of(entry));
            fresh.forEach(e -> s.publish(event(e, true)));
            return fresh;
        });
        if (!added.isEmpty()) {
            outbox.committed();
            return Optional.of(entry);
        }
        return Optional.empty();
    }

    public boolean delete(String tenantId, String number) {
        String e164 = number(tenantId, number);
        boolean removed = store.inTransaction(s -> {
            if (!s.remove(tenantId, e164)) {
                return false;
            }
            if (!s.optedOutElsewhere(tenantId, e164)) {
                s.publish(event(new DoNotCallEntry(tenantId, e164, null, clock.instant()), false));
            }
            return true;
        });
        if (removed) {
            outbox.committed();
        }
        return removed;
    }

    /** Imports a CSV with a {@code phone} column; numbers already on the list count as accepted. */
    public ImportResult importCsv(String tenantId, Reader csv, String user) {
        String region = region(tenantId);
        ContactList.Parsed parsed;
        try {
            parsed = ContactList.parse(csv, region);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("list", e.getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("list", "the list is not readable CSV: " + e.getMessage());
        }
        Instant now = clock.instant();
        List<DoNotCallEntry> entries = new ArrayList<>(parsed.entries().size());
        parsed.entries().forEach(e -> entries.add(new DoNotCallEntry(tenantId, e.phone(), user, now)));
        store.inTransaction(s -> {
            s.add(entries).forEach(e -> s.publish(event(e, true)));
            return null;
        });
        outbox.committed();
        List<Rejected> rejected = parsed.rejected().stream().map(r -> new Rejected(r.line(), r.reason())).toList();
        return new ImportResult(entries.size(), rejected, List.of());
    }

    private StoredEvent event(DoNotCallEntry entry, boolean optedOut) {
        return encoder.encode(new OptOutChanged(UUID.randomUUID(), entry.tenantId(), clock.instant(),
                new Address(io.switchboard.events.address.AddressKind.PHONE, entry.number(), null), optedOut, SOURCE));
    }

    private String number(String tenantId, String raw) {
        try {
            return Address.phone(raw, region(tenantId)).value();
        } catch (InvalidAddressException e) {
            throw new InvalidRequestException("number", e.getMessage());
        }
    }

    private String region(String tenantId) {
        return directory.tenant(tenantId).map(Directory.Tenant::region)
                .orElseThrow(() -> new InvalidRequestException("tenant", "tenant " + tenantId + " is not configured (yet)"));
    }
}
