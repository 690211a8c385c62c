package io.switchboard.admin.domain.planner;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.admin.domain.FieldError;
import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.routing.engine.erlang.ErlangA;
import io.switchboard.routing.engine.erlang.ErlangC;

/**
 * Agents needed per interval: the fewest that reach the service-level target under Erlang C
 * (callers wait as long as it takes) or, when the callers' patience is known, Erlang A (some hang
 * up, which Erlang C would overstaff for). Scheduled = ⌈agents ÷ (1 − shrinkage)⌉.
 */
public final class StaffingPlanner {

    private static final int MAX_AGENTS = 5_000;

    private StaffingPlanner() {
    }

    public static List<IntervalPlan> plan(StaffingRequest request) {
        validate(request);
        double target = request.serviceLevelPercent() / 100;
        double seconds = request.intervalMinutes() * 60.0;
        List<IntervalPlan> plans = new ArrayList<>();
        for (StaffingRequest.Interval interval : request.intervals()) {
            double rate = interval.contacts() / seconds;
            double load = rate * request.handleSeconds();
            if (interval.contacts() == 0) {
                plans.add(new IntervalPlan(interval.start(), 0, 0, 0, 0, 1, 0, 0.0, 0, request.patienceSeconds() == null ? null : 0.0));
                continue;
            }
            plans.add(request.patienceSeconds() == null ? erlangC(request, interval, load, target)
                    : erlangA(request, interval, rate, load, target));
        }
        return plans;
    }

    private static IntervalPlan erlangC(StaffingRequest request, StaffingRequest.Interval interval, double load, double target) {
        int agents = ErlangC.agentsFor(load, request.handleSeconds(), request.serviceLevelSeconds(), target);
        return new IntervalPlan(interval.start(), interval.contacts(), load, agents, scheduled(agents, request.shrinkagePercent()),
                ErlangC.serviceLevel(agents, load, request.handleSeconds(), request.serviceLevelSeconds()),
                ErlangC.probabilityOfWaiting(agents, load), ErlangC.averageSpeedOfAnswer(agents, load, request.handleSeconds()),
                load / agents, null);
    }

    private static IntervalPlan erlangA(StaffingRequest request, StaffingRequest.Interval interval, double rate, double load,
            double target) {
        int agents = 1;
        ErlangA model = new ErlangA(agents, rate, request.handleSeconds(), request.patienceSeconds());
        while (model.serviceLevel(request.serviceLevelSeconds()) < target && agents < MAX_AGENTS) {
            agents++;
            model = new ErlangA(agents, rate, request.handleSeconds(), request.patienceSeconds());
        }
        double abandon = model.abandonRate();
        double answeredLoad = load * (1 - abandon);
        return new IntervalPlan(interval.start(), interval.contacts(), load, agents, scheduled(agents, request.shrinkagePercent()),
                model.serviceLevel(request.serviceLevelSeconds()), model.probabilityOfWaiting(),
                null, Math.min(1, answeredLoad / agents), abandon);
    }

    static int scheduled(int agents, double shrinkagePercent) {
        return (int) Math.ceil(agents / (1 - shrinkagePercent / 100) - 1e-9);
    }

    private static void validate(StaffingRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.intervalMinutes() != 15 && request.intervalMinutes() != 30 && request.intervalMinutes() != 60) {
            errors.add(new FieldError("intervalMinutes", "must be 15, 30 or 60"));
        }
        if (request.intervals() == null || request.intervals().isEmpty()) {
            errors.add(new FieldError("intervals", "give at least one interval with its forecast contacts"));
        } else {
            if (request.intervals().size() > 96) {
                errors.add(new FieldError("intervals", "at most 96 intervals (one day of 15-minute intervals)"));
            }
            for (int i = 0; i < request.intervals().size(); i++) {
                StaffingRequest.Interval interval = request.intervals().get(i);
                if (interval == null || interval.start() == null) {
                    errors.add(new FieldError("intervals[" + i + "].start", "is required (HH:MM)"));
                } else if (interval.contacts() < 0 || interval.contacts() > 100_000) {
                    errors.add(new FieldError("intervals[" + i + "].contacts", "must be from 0 to 100000"));
                }
            }
        }
        if (request.handleSeconds() <= 0 || request.handleSeconds() > 36_000) {
            errors.add(new FieldError("handleSeconds", "must be above 0 and at most 36000"));
        }
        if (request.serviceLevelSeconds() < 1 || request.serviceLevelSeconds() > 3600) {
            errors.add(new FieldError("serviceLevelSeconds", "must be from 1 to 3600"));
        }
        if (request.serviceLevelPercent() <= 0 || request.serviceLevelPercent() >= 100) {
            errors.add(new FieldError("serviceLevelPercent", "must be above 0 and below 100"));
        }
        if (request.shrinkagePercent() < 0 || request.shrinkagePercent() >= 100) {
            errors.add(new FieldError("shrinkagePercent", "must be from 0 to below 100"));
        }
        if (request.patienceSeconds() != null && request.patienceSeconds() <= 0) {
            errors.add(new FieldError("patienceSeconds", "must be positive, or left out for Erlang C"));
        }
        if (errors.isEmpty() && request.patienceSeconds() == null) {
            for (StaffingRequest.Interval interval : request.intervals()) {
                double load = interval.contacts() / (request.intervalMinutes() * 60.0) * request.handleSeconds();
                if (load > MAX_AGENTS * 0.9) {
                    errors.add(new FieldError("intervals", "the load at " + interval.start() + " needs more than " + MAX_AGENTS + " agents"));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
    }
}
