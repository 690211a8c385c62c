package io.switchboard.admin.domain.planner;

/**
 * The channels a trunk needs and its bandwidth in each direction (a call sends and receives the
 * same stream), per call and in all.
 */
public record TrunkPlan(int channels, Double blocking, double payloadBytesPerPacket, double packetsPerSecond,
        double bytesPerPacket, double kbpsPerCall, double kbpsTotal) {
}
