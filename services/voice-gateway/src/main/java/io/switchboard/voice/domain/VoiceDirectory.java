package io.switchboard.voice.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointDirectory;

/**
 * The DIDs this gateway answers (tenants' VOICE entry points), compared as E.164, their queues, and
 * each tenant's default region for reading callers' national numbers.
 */
@ApplicationScoped
public class VoiceDirectory extends EntryPointDirectory {

    private final Map<String, String> regions = new ConcurrentHashMap<>();
    private final Map<String, String> queues = new ConcurrentHashMap<>();

    public VoiceDirectory() {
        super(Channel.VOICE, VoiceDirectory::e164);
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        super.apply(tenant);
        if (tenant.defaultRegion() != null) {
            regions.put(tenant.tenantId(), tenant.defaultRegion());
        }
        tenant.entryPoints().stream().filter(entry -> entry.channel() == Channel.VOICE && entry.queueId() != null)
                .forEach(entry -> queues.put(e164(entry.address()), entry.queueId()));
    }

    /** The queue a DID routes to, so an agent's outbound call from it records as that queue's calls do. */
    public Optional<String> queueOf(String did) {
        return Optional.ofNullable(queues.get(e164(did)));
    }

    public Optional<String> region(String tenantId) {
        return Optional.ofNullable(regions.get(tenantId));
    }

    /** A dialled number as E.164 (a DID is always international), or the text itself when it is not a number. */
    static String e164(String number) {
        try {
            return Address.phone(number.startsWith("+") ? number : "+" + number, null).value();
        } catch (InvalidAddressException notANumber) {
            return number.strip();
        }
    }
}
