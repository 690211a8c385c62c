package io.switchboard.admin.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.admin.domain.planner.IntervalPlan;
import io.switchboard.admin.domain.planner.StaffingPlanner;
import io.switchboard.admin.domain.planner.StaffingRequest;
import io.switchboard.admin.domain.planner.TrunkPlan;
import io.switchboard.admin.domain.planner.TrunkPlanner;
import io.switchboard.admin.domain.planner.TrunkRequest;

/** The staffing planner (Erlang C, or Erlang A with patience) and trunk sizing (Erlang B and bandwidth). */
@Path("/planner")
@RolesAllowed({ "admin", "supervisor" })
public class PlannerResource {

    @POST
    @Path("/staffing")
    public List<IntervalPlan> staffing(StaffingRequest request) {
        if (request == null) {
            throw InvalidConfigurationException.of("", "send the forecast: intervalMinutes, intervals, handleSeconds, ...");
        }
        return StaffingPlanner.plan(request);
    }

    @POST
    @Path("/trunk")
    public TrunkPlan trunk(TrunkRequest request) {
        if (request == null) {
            throw InvalidConfigurationException.of("", "send the trunk's load and codec");
        }
        return TrunkPlanner.plan(request);
    }
}
