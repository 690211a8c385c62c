package io.switchboard.reporting.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.events.Channel;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Granularity;
import io.switchboard.reporting.domain.ReportQuery;
import io.switchboard.reporting.export.Column;
import io.switchboard.reporting.export.ReportFormats;
import io.switchboard.reporting.persistence.ReportReader;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/** A tenant's figures per queue, agent or channel, as JSON, CSV or XLSX. */
@Path("/reports/tenants/{tenant}")
@RolesAllowed({ ReportResource.SUPERVISOR, ReportResource.ADMIN })
@Produces({ MediaType.APPLICATION_JSON, ReportFormats.CSV, ReportFormats.XLSX })
public class ReportResource {

    static final String SUPERVISOR = "supervisor";
    static final String ADMIN = "admin";
    /** The longest period one report covers, and the longest in 15-minute rows. */
    static final int MAX_DAYS = 400;
    static final int MAX_INTERVAL_DAYS = 31;

    /** The JSON body: what was asked, the zone the days are in, and the rows. */
    public record ReportBody(String tenant, String report, String granularity, String timeZone, LocalDate from, LocalDate to,
            List<Map<String, Object>> rows) {
    }

    private final ReportReader reader;
    private final SecurityIdentity identity;

    public ReportResource(ReportReader reader, SecurityIdentity identity) {
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @Path("/queues")
    public Uni<Response> queues(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("queue") String queue, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return report(tenant, Dimension.QUEUE, from, to, granularity, queue, format, accept);
    }

    @GET
    @Path("/agents")
    public Uni<Response> agents(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("agent") String agent, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return report(tenant, Dimension.AGENT, from, to, granularity, agent, format, accept);
    }

    @GET
    @Path("/channels")
    public Uni<Response> channels(@PathParam("tenant") String tenant, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("channel") String channel, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return report(tenant, Dimension.CHANNEL, from, to, granularity, channel(channel), format, accept);
    }

    private Uni<Response> report(String tenant, Dimension dimension, String fromText, String toText, String granularityText,
            String key, String formatText, String accept) {
        SignedInUser.of(identity).requireServes(tenant);
        LocalDate from = date("from", fromText);
        LocalDate to = date("to", toText);
        Granularity granularity = granularity(granularityText);
        if (!to.isAfter(from)) {
            throw ProblemException.badRequest("to (" + to + ") must be after from (" + from + "); to is exclusive");
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > MAX_DAYS) {
            throw ProblemException.badRequest("a report covers at most " + MAX_DAYS + " days, not " + days);
        }
        if (granularity == Granularity.INTERVAL && days > MAX_INTERVAL_DAYS) {
            throw ProblemException.badRequest("15-minute rows cover at most " + MAX_INTERVAL_DAYS + " days, not " + days
                    + "; ask for granularity=day, week or month");
        }
        String format = format(formatText, accept);
        ReportQuery query = new ReportQuery(tenant, dimension, from, to, granularity, key == null || key.isBlank() ? null : key);
        List<Column> columns = Column.of(dimension);
        String name = "report-" + tenant + "-" + dimension.slug() + "s-" + from + "-" + to;
        return reader.read(query).emitOn(Infrastructure.getDefaultWorkerPool()).map(report -> switch (format) {
            case "csv" -> Response.ok(ReportFormats.csv(columns, report.rows()), ReportFormats.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
            case "xlsx" -> Response.ok(ReportFormats.xlsx(dimension.slug() + "s", columns, report.rows()), ReportFormats.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
            default -> Response.ok(new ReportBody(tenant, dimension.slug() + "s", granularity.slug(), report.zone().getId(), from, to,
                    ReportFormats.json(columns, report.rows())), MediaType.APPLICATION_JSON).build();
        });
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(name + " is required: a date such as 2026-12-01 (the tenant's local day)");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is not a date (yyyy-mm-dd): '" + text + "'");
        }
    }

    private static Granularity granularity(String text) {
        if (text == null || text.isBlank()) {
            return Granularity.DAY;
        }
        try {
            return Granularity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("granularity must be one of interval, day, week or month, not '" + text + "'");
        }
    }

    private static String channel(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(text.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown channel '" + text + "'; one of " + List.of(Channel.values()));
        }
    }

    /** ?format= wins; else the Accept header's CSV or XLSX; else JSON. */
    private static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "xlsx").contains(f)) {
                throw ProblemException.badRequest("format must be json, csv or xlsx, not '" + format + "'");
            }
            return f;
        }
        if (accept != null && accept.contains(ReportFormats.XLSX)) {
            return "xlsx";
        }
        if (accept != null && accept.contains(ReportFormats.CSV)) {
            return "csv";
        }
        return "json";
    }
}
