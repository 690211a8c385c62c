package io.switchboard.desktop.domain;

import java.util.Set;

/**
 * A frame for the inbox sockets: to the named agents, and to every supervisor of the named tenants.
 * {@code frame} is one of the records of {@link DesktopFrames}.
 */
public record Push(Set<String> agents, Set<String> supervisorTenants, Object frame) {

    public Push {
        agents = Set.copyOf(agents);
        supervisorTenants = Set.copyOf(supervisorTenants);
    }
}
