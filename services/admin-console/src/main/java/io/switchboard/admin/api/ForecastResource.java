package io.switchboard.admin.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.ArrivalLog;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.admin.domain.NotFoundException;
import io.switchboard.admin.domain.TenantSettings;
import io.switchboard.admin.domain.planner.ArrivalForecast;
import io.switchboard.admin.domain.planner.StaffingRequest;

/** A queue's forecast from observed traffic: the contacts per interval the staffing planner takes. */
@Path("/tenants/{tenantId}/queues/{queueId}/forecast")
@RolesAllowed({ "admin", "supervisor" })
@Blocking
public class ForecastResource {

    public record Forecast(LocalDate date, int weeks, int intervalMinutes, String timeZone, List<StaffingRequest.Interval> intervals) {
    }

    private final ConfigurationService configuration;
    private final ArrivalLog arrivals;
    private final SecurityIdentity identity;

    public ForecastResource(ConfigurationService configuration, ArrivalLog arrivals, SecurityIdentity identity) {
        this.configuration = configuration;
        this.arrivals = arrivals;
        this.identity = identity;
    }

    /** {@code date} (default today in the tenant's zone): the average of the same weekday over the previous {@code weeks}. */
    @GET
    public Forecast forecast(@PathParam("tenantId") String tenantId, @PathParam("queueId") String queueId,
            @QueryParam("date") String date, @QueryParam("weeks") @DefaultValue("4") int weeks,
            @QueryParam("intervalMinutes") @DefaultValue("15") int intervalMinutes) {
        TenantSettings tenant = configuration.tenant(Actors.of(identity), tenantId)
                .orElseThrow(() -> new NotFoundException("no tenant '" + tenantId + "'"));
        if (!configuration.queues(Actors.of(identity), tenantId).containsKey(queueId)) {
            throw new NotFoundException("no queue '" + queueId + "' in tenant '" + tenantId + "'");
        }
        if (weeks < 1 || weeks > 52) {
            throw InvalidConfigurationException.of("weeks", "must be from 1 to 52");
        }
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw InvalidConfigurationException.of("intervalMinutes", "must be 15, 30 or 60");
        }
        ZoneId zone = ZoneId.of(tenant.timeZone());
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now(zone) : LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw InvalidConfigurationException.of("date", "'" + date + "' is not a date (YYYY-MM-DD)");
        }
        List<StaffingRequest.Interval> intervals = ArrivalForecast.forecast(
                arrivals.arrivals(tenantId, queueId, ArrivalForecast.from(day, weeks, zone), ArrivalForecast.to(day, zone)),
                day, weeks, intervalMinutes, zone);
        return new Forecast(day, weeks, intervalMinutes, tenant.timeZone(), intervals);
    }
}
