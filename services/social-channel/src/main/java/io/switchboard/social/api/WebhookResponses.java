package io.switchboard.social.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;
import io.switchboard.social.domain.InboundProcessor;

/** The answers webhooks give: 200 with what was done, or a problem the platform's log will show. */
final class WebhookResponses {

    private WebhookResponses() {
    }

    static Response problem(int status, String title, String detail, String path) {
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), title, status, detail, URI.create(path), List.of()));
    }

    static Response ok(InboundProcessor.Outcome outcome) {
        return Response.ok(outcome).build();
    }
}
