package io.switchboard.chat.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open sockets per client address, so one host cannot hold the instance's connections. */
public final class IpConnectionLimiter {

    private final int limit;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public IpConnectionLimiter(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection, or refuses it when the address already has the limit open. */
    public boolean tryOpen(String address) {
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < limit;
            return admitted[0] ? current + 1 : current;
        });
        return admitted[0];
    }

    public void close(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }
}
