package io.switchboard.service.webhook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Puts a provider's webhook resource under its service's {@link WebhookRateLimit}: a request over its
 * source address's budget gets 429 from {@link WebhookRateFilter} before its body is read.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WebhookRateLimited {
}
