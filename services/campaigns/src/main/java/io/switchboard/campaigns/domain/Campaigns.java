package io.switchboard.campaigns.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.switchboard.dialer.engine.ContactList;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/** Supervisors' work on campaigns: create and change them, load their lists, start, pause and stop them. */
public final class Campaigns {

    public static final String AMOUNT_DUE = "amount_due";

    private final CampaignStore store;
    private final Directory directory;
    private final CampaignRules rules;
    private final Clock clock;

    public Campaigns(CampaignStore store, Directory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.rules = new CampaignRules(directory);
        this.clock = clock;
    }

    public Campaign create(String tenantId, CampaignDraft draft, String user) {
        CampaignSettings settings = rules.check(tenantId, draft);
        Instant now = clock.instant();
        Campaign campaign = new Campaign(UUID.randomUUID(), tenantId, settings, CampaignState.DRAFT, List.of(), user, now, now);
        store.insert(campaign);
        return campaign;
    }

    public Campaign change(String tenantId, UUID id, CampaignDraft draft) {
        Campaign current = get(tenantId, id);
        CampaignSettings settings = rules.check(tenantId, draft);
        if (!current.state().editable()) {
            throw CampaignException.conflict("campaign " + id + " is " + current.state() + "; only a DRAFT or PAUSED campaign changes");
        }
        if (settings.kind() != current.settings().kind() && store.hasAttempts(id)) {
            throw CampaignException.conflict("campaign " + id + " has dialled as " + current.settings().kind() + "; its kind stays");
        }
        Campaign changed = new Campaign(id, tenantId, settings, current.state(), current.listColumns(), current.createdBy(),
                current.createdAt(), clock.instant());
        if (!store.update(changed, EnumSet.of(CampaignState.DRAFT, CampaignState.PAUSED))) {
            throw CampaignException.conflict("campaign " + id + " changed state meanwhile; read it again");
        }
        return changed;
    }

    public Campaign get(String tenantId, UUID id) {
        return store.find(tenantId, id).orElseThrow(() -> CampaignException.notFound("tenant " + tenantId + " has no campaign " + id));
    }

    public List<Campaign> list(String tenantId) {
        return store.list(tenantId);
    }

    public Progress progress(Campaign campaign) {
        ZoneId zone = directory.tenant(campaign.tenantId()).map(Directory.Tenant::zone).orElse(ZoneId.of("UTC"));
        return store.progress(campaign.id(), LocalDate.ofInstant(clock.instant(), zone).atStartOfDay(zone).toInstant());
    }

    /** Replaces the list from CSV; only before the campaign's first attempt. */
    public ImportResult replaceList(String tenantId, UUID id, Reader csv) {
        Campaign campaign = get(tenantId, id);
        if (campaign.state().finished()) {
            throw CampaignException.conflict("campaign " + id + " is " + campaign.state());
        }
        if (store.hasAttempts(id)) {
            throw CampaignException.conflict("campaign " + id + " has dialled already; add records with POST …/records instead");
        }
        ContactList.Parsed parsed;
        try {
            parsed = ContactList.parse(csv, region(tenantId));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("list", e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidRequestException("list", "the list is not readable CSV: " + e.getMessage());
        }
        List<Rejected> rejected = new ArrayList<>();
        parsed.rejected().forEach(r -> rejected.add(new Rejected(r.line(), r.reason())));
        List<String> columns = parsed.entries().isEmpty() ? List.of() : List.copyOf(parsed.entries().get(0).fields().keySet());
        boolean collections = campaign.settings().kind() == CampaignKind.COLLECTIONS;
        if (collections && !parsed.entries().isEmpty() && !columns.contains(AMOUNT_DUE)) {
            throw new InvalidRequestException("list", "a collections list has an '" + AMOUNT_DUE + "' column; it has " + columns);
        }
        List<ListEntry> entries = new ArrayList<>(parsed.entries().size());
        for (ContactList.Entry entry : parsed.entries()) {
            if (collections && !isAmount(entry.fields().get(AMOUNT_DUE))) {
                rejected.add(new Rejected(entry.line(), AMOUNT_DUE + " '" + entry.fields().get(AMOUNT_DUE) + "' is not an amount"));
                continue;
            }
            entries.add(new ListEntry(entry.line(), entry.phone(), entry.fields()));
        }
        store.add(campaign, entries, columns, true, clock.instant());
        rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportResult(entries.size(), rejected, store.overlaps(tenantId, id));
    }

    /** Adds records from the JSON API; entries are numbered from 1 in the answer. */
    public ImportResult addRecords(String tenantId, UUID id, List<Map<String, Object>> body) {
        Campaign campaign = get(tenantId, id);
        if (campaign.state().finished()) {
            throw CampaignException.conflict("campaign " + id + " is " + campaign.state() + "; it takes no more records");
        }
        if (body == null || body.isEmpty()) {
            throw new InvalidRequestException("records", "a JSON array of records ({phone, fields}) is required");
        }
        if (body.size() > ContactList.MAX_ROWS) {
            throw new InvalidRequestException("records", "at most " + ContactList.MAX_ROWS + " records at a time");
        }
        String region = region(tenantId);
        List<Rejected> rejected = new ArrayList<>();
        List<ListEntry> entries = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Set<String> columns = new LinkedHashSet<>(campaign.listColumns());
        boolean collections = campaign.settings().kind() == CampaignKind.COLLECTIONS;
        for (int i = 0; i < body.size(); i++) {
            long line = i + 1L;
            Map<String, Object> item = body.get(i);
            Object phone = item == null ? null : item.get("phone");
            if (!(phone instanceof String text) || text.isBlank()) {
                rejected.add(new Rejected(line, "no phone number"));
                continue;
            }
            String e164;
            try {
                e164 = Address.phone(text, region).value();
            } catch (InvalidAddressException e) {
                rejected.add(new Rejected(line, "'" + text + "' is not a valid number: " + e.getMessage()));
                continue;
            }
            if (!seen.add(e164)) {
                rejected.add(new Rejected(line, e164 + " is already on the list"));
                continue;
            }
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            if (item.get("fields") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> fields.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            } else if (item.get("fields") != null) {
                rejected.add(new Rejected(line, "fields is an object of column to text"));
                continue;
            }
            if (collections && !isAmount(fields.get(AMOUNT_DUE))) {
                rejected.add(new Rejected(line, AMOUNT_DUE + " '" + fields.get(AMOUNT_DUE) + "' is not an amount"));
                continue;
            }
            columns.addAll(fields.keySet());
            entries.add(new ListEntry(line, e164, fields));
        }
        List<ListEntry> duplicates = store.add(campaign, entries, List.copyOf(columns), false, clock.instant());
        duplicates.forEach(d -> rejected.add(new Rejected(d.line(), d.phone() + " is already on the list")));
        rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportResult(entries.size() - duplicates.size(), rejected, store.overlaps(tenantId, id));
    }

    public Campaign start(String tenantId, UUID id, boolean allowOverlap) {
        Campaign campaign = get(tenantId, id);
        if (!campaign.state().editable()) {
            throw CampaignException.conflict("campaign " + id + " is " + campaign.state() + "; only a DRAFT or PAUSED campaign starts");
        }
        if (store.recordCount(id) == 0) {
            throw CampaignException.conflict("campaign " + id + " has no records; load its list first");
        }
        if (!allowOverlap) {
            List<Overlap> overlaps = store.overlaps(tenantId, id);
            if (!overlaps.isEmpty()) {
                Overlap most = overlaps.get(0);
                throw CampaignException.conflict(most.numbers() + " numbers of this list are on running or paused campaign '"
                        + most.name() + "' (" + most.campaignId() + ")" + (overlaps.size() > 1 ? " and " + (overlaps.size() - 1)
                        + " other campaigns" : "") + "; start with ?allowOverlap=true to call them from both");
            }
        }
        return transition(campaign, EnumSet.of(CampaignState.DRAFT, CampaignState.PAUSED), CampaignState.RUNNING);
    }

    public Campaign pause(String tenantId, UUID id) {
        Campaign campaign = get(tenantId, id);
        if (campaign.state() != CampaignState.RUNNING) {
            throw CampaignException.conflict("campaign " + id + " is " + campaign.state() + "; only a RUNNING campaign pauses");
        }
        return transition(campaign, EnumSet.of(CampaignState.RUNNING), CampaignState.PAUSED);
    }

    public Campaign stop(String tenantId, UUID id) {
        Campaign campaign = get(tenantId, id);
        if (campaign.state().finished()) {
            throw CampaignException.conflict("campaign " + id + " is " + campaign.state() + " already");
        }
        return transition(campaign, EnumSet.of(CampaignState.DRAFT, CampaignState.RUNNING, CampaignState.PAUSED), CampaignState.STOPPED);
    }

    public List<RecordView> records(String tenantId, UUID id, int offset, int limit) {
        get(tenantId, id);
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit", "offset ≥ 0 and limit 1 to 1000");
        }
        return store.records(id, offset, limit);
    }

    public void eachResult(String tenantId, UUID id, Consumer<RecordView> row) {
        get(tenantId, id);
        store.eachRecord(id, row);
    }

    private Campaign transition(Campaign campaign, Set<CampaignState> from, CampaignState to) {
        Campaign next = campaign.withState(to, clock.instant());
        if (!store.update(next, from)) {
            throw CampaignException.conflict("campaign " + campaign.id() + " changed state meanwhile; read it again");
        }
        return next;
    }

    private String region(String tenantId) {
        return directory.tenant(tenantId).map(Directory.Tenant::region)
                .orElseThrow(() -> new InvalidRequestException("tenant", "tenant " + tenantId + " is not configured (yet)"));
    }

    static boolean isAmount(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
