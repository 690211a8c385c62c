package io.switchboard.sms.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.webhook.FormBody;
import io.switchboard.service.webhook.MalformedFormException;

/**
 * The checks every form-encoded provider webhook passes before its content is believed: a size limit
 * (413), the form content type (415), strict UTF-8 form decoding (400). The provider's signature check
 * follows; a rejection is counted ({@code sms_webhook_rejected_total}) and logged.
 */
final class WebhookRequest {

    private WebhookRequest() {
    }

    static Map<String, List<String>> form(byte[] body, String contentType, int maxBytes) {
        if (body.length > maxBytes) {
            throw new ProblemException(413, "Content Too Large",
                    "the webhook body has " + body.length + " bytes; at most " + maxBytes + " are accepted");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "the webhook body must be application/x-www-form-urlencoded, not " + contentType);
        }
        try {
            return FormBody.parse(body);
        } catch (MalformedFormException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    static String one(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.badRequest("the form field " + name + " appears " + values.size() + " times");
        }
        return values.get(0);
    }

    static String required(Map<String, List<String>> form, String name) {
        String value = one(form, name);
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("the form field " + name + " is missing");
        }
        return value;
    }

    static ProblemException rejected(MeterRegistry metrics, String provider, String reason) {
        metrics.counter("sms.webhook.rejected", "provider", provider, "reason", reason).increment();
        return new ProblemException(403, "Forbidden", "the webhook signature is " + reason);
    }
}
