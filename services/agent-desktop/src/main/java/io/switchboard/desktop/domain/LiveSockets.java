package io.switchboard.desktop.domain;

import java.util.Set;

/** The inbox sockets this instance holds. */
public interface LiveSockets {

    /** Sends the frame (JSON) to the sockets of the named agents and of supervisors serving any of the tenants. */
    void deliver(Set<String> agents, Set<String> supervisorTenants, String frame);
}
