package io.switchboard.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The service's clock in tests (it replaces the default system clock bean): the real time until a test sets
 * one, so that windows, retries, leases and lost calls can be tried at the moments that matter.
 */
@Singleton
public class SettableClock extends Clock {

    private volatile Instant now;

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration by) {
        now = instant().plus(by);
    }

    public void reset() {
        now = null;
    }

    @Override
    public Instant instant() {
        Instant fixed = now;
        return fixed != null ? fixed : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service reads instants only");
    }
}
