package io.switchboard.mailrelay;

/** The relay did not take a mail: permanently (a 5xx reply, a mail that cannot be written) or for now. */
public class RelayRefusal extends Exception {

    private final boolean permanent;

    public RelayRefusal(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
