package io.switchboard.reporting.domain;

/** The relay did not take a report: permanently (a 5xx reply) or for now (a 4xx reply, or unreachable). */
public class RelayRefusedException extends Exception {

    private final boolean permanent;

    public RelayRefusedException(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
