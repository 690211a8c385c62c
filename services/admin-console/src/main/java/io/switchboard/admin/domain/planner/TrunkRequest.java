package io.switchboard.admin.domain.planner;

/**
 * What a trunk must carry: either {@code concurrentCalls}, or the busy hour's traffic in Erlangs
 * with a blocking target (the channels then come from Erlang B).
 *
 * @param packetMillis packetisation time (10 to 60 ms; 20 is usual)
 * @param ethernet     add Ethernet framing (14-byte header and 4-byte check sequence) to every packet
 */
public record TrunkRequest(Integer concurrentCalls, Double busyHourErlangs, Double blockingPercent, Codec codec,
        int packetMillis, Double opusKbps, boolean ethernet) {
}
