package io.switchboard.admin.domain.planner;

/**
 * Voice codecs and their payload bit rates. Opus is variable; its rate is the one the trunk is set
 * to (Opus's own recommendation for wideband speech is 24–32 kb/s).
 */
public enum Codec {
    G711(64.0), G729(8.0), GSM(13.2), OPUS(0);

    private final double payloadKbps;

    Codec(double payloadKbps) {
        this.payloadKbps = payloadKbps;
    }

    public double payloadKbps(Double opusKbps) {
        if (this == OPUS) {
            if (opusKbps == null || opusKbps < 6 || opusKbps > 510) {
                throw new IllegalArgumentException("Opus needs its bit rate, 6 to 510 kb/s");
            }
            return opusKbps;
        }
        return payloadKbps;
    }
}
