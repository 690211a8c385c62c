package io.switchboard.admin.domain.planner;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.admin.domain.FieldError;
import io.switchboard.admin.domain.InvalidConfigurationException;

/**
 * Trunk sizing: channels by Erlang B, and bandwidth per direction with the headers every RTP packet
 * carries (IPv4 20 + UDP 8 + RTP 12 bytes, and Ethernet 18 when asked). G.711 at 20 ms is then
 * 80 kb/s on IP and 87.2 kb/s on Ethernet.
 */
public final class TrunkPlanner {

    static final int IP_UDP_RTP_BYTES = 20 + 8 + 12;
    static final int ETHERNET_BYTES = 14 + 4;

    private TrunkPlanner() {
    }

    public static TrunkPlan plan(TrunkRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.codec() == null) {
            errors.add(new FieldError("codec", "is required: G711, G729, GSM or OPUS"));
        }
        if (request.packetMillis() < 10 || request.packetMillis() > 60) {
            errors.add(new FieldError("packetMillis", "must be from 10 to 60 ms"));
        }
        boolean byCalls = request.concurrentCalls() != null;
        boolean byTraffic = request.busyHourErlangs() != null;
        if (byCalls == byTraffic) {
            errors.add(new FieldError("concurrentCalls", "give either concurrentCalls or busyHourErlangs with blockingPercent"));
        } else if (byCalls && (request.concurrentCalls() < 1 || request.concurrentCalls() > 100_000)) {
            errors.add(new FieldError("concurrentCalls", "must be from 1 to 100000"));
        } else if (byTraffic) {
            if (request.busyHourErlangs() <= 0 || request.busyHourErlangs() > 10_000) {
                errors.add(new FieldError("busyHourErlangs", "must be above 0 and at most 10000"));
            }
            if (request.blockingPercent() == null || request.blockingPercent() <= 0 || request.blockingPercent() >= 100) {
                errors.add(new FieldError("blockingPercent", "is required with busyHourErlangs: above 0 and below 100, e.g. 1"));
            }
        }
        double payloadKbps = 0;
        if (request.codec() != null) {
            try {
                payloadKbps = request.codec().payloadKbps(request.opusKbps());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("opusKbps", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
        int channels;
        Double blocking = null;
        if (byCalls) {
            channels = request.concurrentCalls();
        } else {
            channels = ErlangB.channelsFor(request.busyHourErlangs(), request.blockingPercent() / 100);
            blocking = ErlangB.blocking(channels, request.busyHourErlangs());
        }
        double packetsPerSecond = 1000.0 / request.packetMillis();
        double payloadBytes = payloadKbps * 1000 / 8 / packetsPerSecond;
        double packetBytes = payloadBytes + IP_UDP_RTP_BYTES + (request.ethernet() ? ETHERNET_BYTES : 0);
        double kbpsPerCall = packetBytes * 8 * packetsPerSecond / 1000;
        return new TrunkPlan(channels, blocking, payloadBytes, packetsPerSecond, packetBytes, kbpsPerCall, kbpsPerCall * channels);
    }
}
