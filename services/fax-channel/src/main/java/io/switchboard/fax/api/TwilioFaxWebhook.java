package io.switchboard.fax.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.fax.config.FaxConfig;
import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.InboundFax;
import io.switchboard.fax.domain.IngestOutcome;
import io.switchboard.fax.domain.InvalidFaxException;
import io.switchboard.fax.domain.UnavailableException;
import io.switchboard.fax.domain.UnknownNumberException;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.api.ProblemMappers;
import io.switchboard.service.webhook.FormBody;
import io.switchboard.service.webhook.MalformedFormException;
import io.switchboard.service.webhook.TwilioSignature;
import io.switchboard.service.webhook.WebhookRateLimited;

/**
 * Twilio Programmable Fax's callback for a received fax ({@code FaxStatus=received}), form-encoded and
 * signed with {@code X-Twilio-Signature} over the configured public URL (never the Host header) by the
 * auth token of the account the number belongs to. 200 means stored and acknowledged by Kafka; 503
 * with Retry-After means nothing was stored and the provider should try again.
 */
@Path("/webhooks/twilio")
@WebhookRateLimited
@Blocking
public class TwilioFaxWebhook {

    static final String PATH = "/webhooks/twilio/fax";
    static final String PROVIDER = "twilio";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final Logger LOG = Logger.getLogger(TwilioFaxWebhook.class);

    private final FaxIngest ingest;
    private final FaxConfig config;
    private final MeterRegistry metrics;

    public TwilioFaxWebhook(FaxIngest ingest, FaxConfig config, MeterRegistry metrics) {
        this.ingest = ingest;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Path("fax")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_XML, ProblemDetail.MEDIA_TYPE})
    public Response fax(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        try {
            return take(verified(body, contentType, signature, uri));
        } catch (FieldProblem e) {
            return problem(e.status, e.title, e.field, e.getMessage());
        }
    }

    private Response take(Map<String, List<String>> form) {
        String sid = required(form, "FaxSid");
        String status = required(form, "FaxStatus");
        if (!"received".equals(status)) {
            // Progress and failure reports of a fax being received carry no document: acknowledged, nothing stored.
            metrics.counter("fax.webhook.ignored", "status", status.length() > 20 ? "other" : status).increment();
            LOG.infof("twilio fax %s reported %s; only received faxes are taken", sid, status);
            return twiml();
        }
        InboundFax fax = new InboundFax(PROVIDER, sid, required(form, "From"), required(form, "To"), one(form, "NumPages"));
        try {
            IngestOutcome outcome = ingest.receive(fax, required(form, "MediaUrl"));
            metrics.counter("fax.received", "path", "twilio", "outcome", outcome.kind().name().toLowerCase(Locale.ROOT)).increment();
            LOG.infof("twilio fax %s: %s as fax %s (contact %s)", sid, outcome.kind(), outcome.faxId(), outcome.contactId());
            return twiml();
        } catch (InvalidFaxException e) {
            metrics.counter("fax.refused", "path", "twilio", "field", e.field()).increment();
            LOG.warnf("twilio fax %s refused: %s", sid, e.getMessage());
            return problem(422, "Unprocessable Content", e.field(), e.getMessage());
        } catch (UnknownNumberException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (UnavailableException e) {
            LOG.warnf("twilio fax %s not taken now: %s", sid, e.getMessage());
            return Response.fromResponse(ProblemMappers.respond(ProblemDetail.of(503, "Service Unavailable", e.getMessage())))
                    .header("Retry-After", Long.toString(Math.max(1, config.retryAfter().toSeconds()))).build();
        }
    }

    private Map<String, List<String>> verified(byte[] body, String contentType, String signature, UriInfo uri) {
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(413, "Content Too Large",
                    "the webhook body has " + body.length + " bytes; at most " + config.maxBodyBytes() + " are accepted");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "the webhook body must be application/x-www-form-urlencoded, not " + contentType);
        }
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (MalformedFormException e) {
            throw new FieldProblem(400, "Bad Request", "body", e.getMessage());
        }
        String query = uri.getRequestUri().getRawQuery();
        String url = config.publicUrl().replaceAll("/+$", "") + PATH + (query == null ? "" : "?" + query);
        if (signature == null || signature.isBlank()) {
            throw rejected("missing");
        }
        if (!TwilioSignature.valid(authToken(one(form, "To")), url, form, signature)) {
            LOG.warnf("twilio fax webhook with a signature that does not match %s refused", url);
            throw rejected("invalid");
        }
        return form;
    }

    /** The token of the account the faxed number belongs to: a tenant's subaccount where configured, else the main account's. */
    private String authToken(String to) {
        if (to != null && !config.twilio().numberAuthTokens().isEmpty()) {
            String number;
            try {
                number = Address.phone(to, null).value();
            } catch (InvalidAddressException e) {
                number = to.strip();
            }
            String own = config.twilio().numberAuthTokens().get(number);
            if (own != null) {
                return own;
            }
        }
        return config.twilio().authToken();
    }

    private ProblemException rejected(String reason) {
        metrics.counter("fax.webhook.rejected", "provider", PROVIDER, "reason", reason).increment();
        return new ProblemException(403, "Forbidden", "the webhook signature is " + reason);
    }

    private static String one(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new FieldProblem(400, "Bad Request", name, "the form field " + name + " appears " + values.size() + " times");
        }
        return values.get(0);
    }

    private static String required(Map<String, List<String>> form, String name) {
        String value = one(form, name);
        if (value == null || value.isBlank()) {
            throw new FieldProblem(400, "Bad Request", name, "the form field " + name + " is missing");
        }
        return value;
    }

    private static Response problem(int status, String title, String field, String detail) {
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), title, status, detail, URI.create(PATH),
                List.of(new ProblemDetail.Violation(field, detail))));
    }

    /** A request field the webhook cannot take, answered as a problem naming that field. */
    private static final class FieldProblem extends RuntimeException {

        private final int status;
        private final String title;
        private final String field;

        FieldProblem(int status, String title, String field, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.field = field;
        }
    }

    private static Response twiml() {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE.withCharset("UTF-8")).build();
    }
}
