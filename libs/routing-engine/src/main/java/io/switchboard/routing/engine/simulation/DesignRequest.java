package io.switchboard.routing.engine.simulation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What {@code simulate --design} is asked: the contact types with their forecast load, the head count,
 * and the service-level target the staffing search aims at.
 *
 * @param contactsToSimulate how many contacts each run simulates (more: steadier figures, longer runs)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesignRequest(long seed, int agents, double serviceLevelThresholdSeconds, double serviceLevelTarget,
        long contactsToSimulate, List<ContactType> contactTypes) {

    /** One type of contact; its skill has the same name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactType(String name, double arrivalRatePerSecond, double meanHandleSeconds) {

        double load() {
            return arrivalRatePerSecond * meanHandleSeconds;
        }
    }

    public DesignRequest {
        if (contactTypes == null || contactTypes.size() < 2) {
            throw new IllegalArgumentException("a design needs at least two contact types");
        }
        if (agents < contactTypes.size()) {
            throw new IllegalArgumentException("a design needs at least one agent per contact type");
        }
        for (ContactType type : contactTypes) {
            if (type.arrivalRatePerSecond() <= 0 || type.meanHandleSeconds() <= 0) {
                throw new IllegalArgumentException(type.name() + ": arrival rate and handle time must be positive");
            }
        }
        serviceLevelThresholdSeconds = serviceLevelThresholdSeconds <= 0 ? 20 : serviceLevelThresholdSeconds;
        serviceLevelTarget = serviceLevelTarget <= 0 ? 0.8 : serviceLevelTarget;
        contactsToSimulate = contactsToSimulate <= 0 ? 300_000 : contactsToSimulate;
    }

    double totalLoad() {
        return contactTypes.stream().mapToDouble(ContactType::load).sum();
    }

    double totalRate() {
        return contactTypes.stream().mapToDouble(ContactType::arrivalRatePerSecond).sum();
    }
}
