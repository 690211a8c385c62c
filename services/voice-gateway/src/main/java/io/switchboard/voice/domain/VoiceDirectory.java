package io.switchboard.voice.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointDirectory;

/**
 * The DIDs this gateway answers (tenants' VOICE entry points), compared as E.164, their queues, and
 * each tenant's default region for reading callers' national numbers, and the IVR menus tenants gave
 * their DIDs (a tenant's newer configuration replaces its menus whole).
 */
@ApplicationScoped
public class VoiceDirectory extends EntryPointDirectory {

    private static final Logger LOG = Logger.getLogger(VoiceDirectory.class);

    private final Map<String, String> regions = new ConcurrentHashMap<>();
    private final Map<String, String> queues = new ConcurrentHashMap<>();
    private final Map<String, TenantMenu> menus = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    private record TenantMenu(String tenantId, IvrMenu menu) {
    }

    public VoiceDirectory() {
        super(Channel.VOICE, VoiceDirectory::e164);
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        super.apply(tenant);
        if (tenant.defaultRegion() != null) {
            regions.put(tenant.tenantId(), tenant.defaultRegion());
        }
        if (tenant.name() != null && !tenant.name().isBlank()) {
            names.put(tenant.tenantId(), tenant.name());
        }
        tenant.entryPoints().stream().filter(entry -> entry.channel() == Channel.VOICE && entry.queueId() != null)
                .forEach(entry -> queues.put(e164(entry.address()), entry.queueId()));
        menus.values().removeIf(menu -> menu.tenantId().equals(tenant.tenantId()));
        ZoneId zone = zone(tenant);
        tenant.entryPoints().stream().filter(entry -> entry.channel() == Channel.VOICE && entry.ivr() != null)
                .forEach(entry -> menus.put(e164(entry.address()), new TenantMenu(tenant.tenantId(), menu(e164(entry.address()),
                        entry.ivr(), zone))));
    }

    /** The menu the tenant's configuration gives the DID, if any. */
    public Optional<IvrMenu> menu(String did) {
        return Optional.ofNullable(menus.get(e164(did))).map(TenantMenu::menu);
    }

    /** The contract's menu: every key, branch and timeout leads to a queue of the tenant, the call's entry point stays the DID. */
    static IvrMenu menu(String did, TenantConfigured.IvrMenu ivr, ZoneId zone) {
        return new IvrMenu(ivr.prompt(),
                IvrMenu.keys(ivr.choices().stream().map(choice -> Map.entry(choice.key(), toQueue(did, choice.queueId()))).toList()),
                Optional.of(new IvrMenu.Destination(did, Optional.ofNullable(ivr.timeoutQueueId()))),
                Duration.ofSeconds(ivr.timeoutSeconds()),
                ivr.branches().stream().map(branch -> new IvrMenu.Branch(EnumSet.copyOf(branch.days()), branch.from(), branch.until(),
                        Optional.ofNullable(branch.prompt()), toQueue(did, branch.queueId()))).toList(),
                zone);
    }

    private static IvrMenu.Destination toQueue(String did, String queueId) {
        return new IvrMenu.Destination(did, Optional.of(queueId));
    }

    private static ZoneId zone(TenantConfigured tenant) {
        try {
            return ZoneId.of(tenant.timeZone());
        } catch (DateTimeException unknown) {
            LOG.warnf("tenant %s has the unknown time zone '%s': its IVR time branches are read in UTC", tenant.tenantId(),
                    tenant.timeZone());
            return ZoneId.of("UTC");
        }
    }

    /** The queue a DID routes to, so an agent's outbound call from it records as that queue's calls do. */
    public Optional<String> queueOf(String did) {
        return Optional.ofNullable(queues.get(e164(did)));
    }

    /** The tenant's name, shown to the customers a campaign calls. */
    public Optional<String> name(String tenantId) {
        return Optional.ofNullable(names.get(tenantId));
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
