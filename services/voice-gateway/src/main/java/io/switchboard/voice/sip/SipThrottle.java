package io.switchboard.voice.sip;

import java.text.ParseException;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sip.InvalidArgumentException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.service.ratelimit.KeyedRateLimiter;

/** INVITE and REGISTER floods: a token bucket per source address and method, over it a stateless 503 with Retry-After. */
@ApplicationScoped
public class SipThrottle {

    private static final Logger LOG = Logger.getLogger(SipThrottle.class);

    private final Map<String, KeyedRateLimiter> limits;
    private final Map<String, Counter> throttled;

    public SipThrottle(VoiceConfig config, MeterRegistry registry) {
        VoiceConfig.RateLimit limit = config.rateLimit();
        this.limits = Map.of(
                Request.INVITE, new KeyedRateLimiter(limit.invitePerSecond(), limit.inviteBurst(), limit.maxSources()),
                Request.REGISTER, new KeyedRateLimiter(limit.registerPerSecond(), limit.registerBurst(), limit.maxSources()));
        this.throttled = Map.of(Request.INVITE, throttledCounter(registry, Request.INVITE),
                Request.REGISTER, throttledCounter(registry, Request.REGISTER));
    }

    private static Counter throttledCounter(MeterRegistry registry, String method) {
        return Counter.builder("voice.sip.requests.throttled").description("INVITEs and REGISTERs refused with 503 by the per-source rate limit")
                .tag("method", method).register(registry);
    }

    /**
     * Over its source's rate: 503 with Retry-After, sent statelessly (a flood gets no transaction
     * state), and nothing else is done. Retransmissions count too, as they cost the same.
     */
    boolean throttled(SipStack sip, Request request, String source) throws ParseException, InvalidArgumentException {
        KeyedRateLimiter limiter = limits.get(request.getMethod());
        if (limiter == null) {
            return false;
        }
        OptionalLong retryAfter = limiter.acquire(source, System.nanoTime());
        if (retryAfter.isEmpty()) {
            return false;
        }
        throttled.get(request.getMethod()).increment();
        LOG.debugf("%s from %s over the rate limit", request.getMethod(), source);
        Response busy = sip.messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
        busy.addHeader(sip.headers.createRetryAfterHeader((int) Math.min(Integer.MAX_VALUE, retryAfter.getAsLong())));
        sip.send(null, request, busy);
        return true;
    }
}
