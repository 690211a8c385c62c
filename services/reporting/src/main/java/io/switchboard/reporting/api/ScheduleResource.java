package io.switchboard.reporting.api;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.Delivery;
import io.switchboard.reporting.domain.ReportSchedule;
import io.switchboard.reporting.persistence.ScheduleRepository;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/** A tenant's scheduled reports and each one's delivery history; supervisors and admins of that tenant only. */
@Path("/reports/tenants/{tenant}/schedules")
@RolesAllowed({ ReportResource.SUPERVISOR, ReportResource.ADMIN })
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    static final int MAX_DELIVERIES = 500;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** A schedule as the API shows it; {@code weekday} only for weekly ones. */
    public record ScheduleBody(UUID id, String tenant, String name, String frequency, String weekday, String sendAt,
            List<String> views, String granularity, String format, List<String> recipients, Instant effectiveFrom) {

        static ScheduleBody of(ReportSchedule s) {
            DayOfWeek weekday = s.weekday();
            return new ScheduleBody(s.id(), s.tenantId(), s.name(), s.frequency().name(), weekday == null ? null : weekday.name(),
                    s.sendAt().format(HH_MM), s.views().stream().map(v -> v.slug() + "s").toList(), s.granularity().slug(), s.format().name(),
                    s.recipients(), s.effectiveFrom());
        }
    }

    /** One delivery of a schedule: the local days it covered and how sending it went. */
    public record DeliveryBody(LocalDate periodFrom, LocalDate periodTo, Instant dueAt, String status, int attempts,
            Instant nextAttemptAt, String lastError, Instant sentAt, Instant updatedAt) {

        static DeliveryBody of(Delivery d) {
            return new DeliveryBody(d.period().from(), d.period().lastDay(), d.dueAt(), d.status().name(), d.attempts(),
                    d.nextAttemptAt(), d.lastError(), d.sentAt(), d.updatedAt());
        }
    }

    private final ScheduleRepository schedules;
    private final SecurityIdentity identity;
    private final Clock clock;

    public ScheduleResource(ScheduleRepository schedules, SecurityIdentity identity, Clock clock) {
        this.schedules = schedules;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    public Uni<List<ScheduleBody>> list(@PathParam("tenant") String tenant) {
        SignedInUser.of(identity).requireServes(tenant);
        return schedules.list(tenant).map(all -> all.stream().map(ScheduleBody::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<ScheduleBody> get(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        SignedInUser.of(identity).requireServes(tenant);
        UUID scheduleId = id(id);
        return schedules.find(tenant, scheduleId).map(found -> ScheduleBody.of(found.orElseThrow(() -> missing(tenant, scheduleId))));
    }

    /** Creates (201) or replaces (200) the schedule; a replaced schedule starts over from its next send time. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("tenant") String tenant, @PathParam("id") String id, ScheduleRequest request) {
        SignedInUser user = SignedInUser.of(identity);
        user.requireServes(tenant);
        UUID scheduleId = id(id);
        if (request == null) {
            throw ProblemException.badRequest("a schedule is required as the JSON body");
        }
        ReportSchedule schedule = request.toSchedule(scheduleId, tenant, clock.instant());
        return schedules.save(schedule, user.id(), schedule.effectiveFrom()).map(saved -> switch (saved) {
            case CREATED -> Response.status(Response.Status.CREATED).entity(ScheduleBody.of(schedule)).build();
            case REPLACED -> Response.ok(ScheduleBody.of(schedule)).build();
            case TAKEN -> throw ProblemException.conflict("schedule id " + scheduleId + " is in use; choose another id");
        });
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        SignedInUser.of(identity).requireServes(tenant);
        UUID scheduleId = id(id);
        return schedules.delete(tenant, scheduleId).map(deleted -> {
            if (!deleted) {
                throw missing(tenant, scheduleId);
            }
            return Response.noContent().build();
        });
    }

    /** The schedule's deliveries, newest period first: what was sent, retried or given up, and why. */
    @GET
    @Path("/{id}/deliveries")
    public Uni<List<DeliveryBody>> deliveries(@PathParam("tenant") String tenant, @PathParam("id") String id,
            @QueryParam("limit") Integer limit) {
        SignedInUser.of(identity).requireServes(tenant);
        UUID scheduleId = id(id);
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_DELIVERIES) {
            throw ProblemException.badRequest("limit is 1 to " + MAX_DELIVERIES + ", not " + max);
        }
        return schedules.find(tenant, scheduleId)
                .chain(found -> {
                    if (found.isEmpty()) {
                        throw missing(tenant, scheduleId);
                    }
                    return schedules.deliveries(tenant, scheduleId, max);
                })
                .map(all -> all.stream().map(DeliveryBody::of).toList());
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("a schedule id is a UUID such as 4f8a3c52-0a0e-4a53-9a55-1d0c3c6f2d11, not '" + text + "'");
        }
    }

    private static ProblemException missing(String tenant, UUID id) {
        return ProblemException.notFound("tenant " + tenant + " has no schedule " + id);
    }
}
