package io.switchboard.email.domain;

/** The relay did not take a reply: permanently (5xx) or for now (4xx, or unreachable). */
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
