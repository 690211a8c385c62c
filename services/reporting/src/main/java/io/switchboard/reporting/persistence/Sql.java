package io.switchboard.reporting.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Channel;
import io.switchboard.reporting.domain.ContactFact;
import io.switchboard.reporting.domain.LegFact;
import io.switchboard.reporting.domain.WrapFact;
import io.vertx.mutiny.sqlclient.Row;

/** Conversions between rows and facts, and running steps one after another. */
final class Sql {

    /** The columns {@link #leg} and {@link #contact} read, for {@code l} = leg_fact and {@code c} = contact_fact. */
    static final String LEG_COLUMNS = "l.tenant_id, l.contact_id, l.queue_id, l.channel, l.queued_at, l.assigned_at, l.agent_id,"
            + " l.abandoned_at, l.waited_seconds, l.transferred_at, l.transfers, l.overflows";
    static final String CONTACT_COLUMNS = "c.contact_id AS c_contact_id, c.channel AS c_channel, c.from_key, c.created_at,"
            + " c.ended_at, c.end_reason, c.disposition, c.talk_seconds, c.hold_seconds, c.customer_key, c.survey_score, c.survey_at";

    private Sql() {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    /** The instant PostgreSQL keeps of {@code instant}: the client sends whole microseconds from 2000-01-01, cut toward it. */
    static Instant stored(Instant instant) {
        return instant == null ? null : PG_EPOCH.plus(ChronoUnit.MICROS.between(PG_EPOCH, instant), ChronoUnit.MICROS);
    }

    /** The leg as a row reads back. */
    static LegFact stored(LegFact l) {
        return new LegFact(l.tenantId(), l.contactId(), l.queueId(), l.channel(), stored(l.queuedAt()), stored(l.assignedAt()),
                l.agentId(), stored(l.abandonedAt()), l.waitedSeconds(), stored(l.transferredAt()), l.transfers(), l.overflows());
    }

    /** The contact as a row reads back. */
    static ContactFact stored(ContactFact c) {
        return new ContactFact(c.tenantId(), c.contactId(), c.channel(), c.fromKey(), stored(c.createdAt()), stored(c.endedAt()),
                c.endReason(), c.disposition(), c.talkSeconds(), c.holdSeconds(), c.customerKey(), c.surveyScore(), stored(c.surveyAt()));
    }

    /** The wrap-up as a row reads back. */
    static WrapFact stored(WrapFact w) {
        return new WrapFact(w.tenantId(), w.contactId(), w.agentId(), w.queueId(), stored(w.completedAt()));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static Channel channel(String name) {
        return name == null ? null : Channel.valueOf(name);
    }

    static LegFact leg(Row row) {
        return new LegFact(row.getString("tenant_id"), row.getString("contact_id"), row.getString("queue_id"),
                channel(row.getString("channel")), instant(row.getOffsetDateTime("queued_at")),
                instant(row.getOffsetDateTime("assigned_at")), row.getString("agent_id"),
                instant(row.getOffsetDateTime("abandoned_at")), row.getLong("waited_seconds"),
                instant(row.getOffsetDateTime("transferred_at")), row.getInteger("transfers"), row.getInteger("overflows"));
    }

    /** The contact of a row from {@link #CONTACT_COLUMNS}, or null where the left join found none. */
    static ContactFact contact(Row row, String tenantId) {
        String contactId = row.getString("c_contact_id");
        if (contactId == null) {
            return null;
        }
        return new ContactFact(tenantId, contactId, channel(row.getString("c_channel")), row.getString("from_key"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("ended_at")),
                row.getString("end_reason"), row.getString("disposition"), row.getLong("talk_seconds"),
                row.getLong("hold_seconds"), row.getString("customer_key"), row.getInteger("survey_score"),
                instant(row.getOffsetDateTime("survey_at")));
    }

    /** Runs {@code step} for each item in turn (a transaction's connection takes one statement at a time). */
    static <T> Uni<Void> each(Collection<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWithVoid())
                .collect().last()
                .replaceWithVoid();
    }
}
