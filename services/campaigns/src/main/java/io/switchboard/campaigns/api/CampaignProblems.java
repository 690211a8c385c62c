package io.switchboard.campaigns.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.campaigns.domain.CampaignException;
import io.switchboard.campaigns.domain.InvalidRequestException;
import io.switchboard.campaigns.persistence.StoreFailure;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;

/** The domain's refusals as RFC 9457 problem details: every wrong field of a request, or the state that refused it. */
public class CampaignProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri) {
        List<ProblemDetail.Violation> violations = e.violations().stream().map(v -> new ProblemDetail.Violation(v.field(), v.message()))
                .toList();
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), "Bad Request", 400, e.getMessage(),
                ProblemMappers.path(uri), violations));
    }

    @ServerExceptionMapper
    public Response refused(CampaignException e, UriInfo uri) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
        };
        String title = switch (e.kind()) {
            case NOT_FOUND -> "Not Found";
            case FORBIDDEN -> "Forbidden";
            case CONFLICT -> "Conflict";
        };
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), title, status, e.getMessage(), ProblemMappers.path(uri),
                List.of()));
    }

    @ServerExceptionMapper
    public Response unavailable(StoreFailure e, UriInfo uri) {
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), "Service Unavailable", 503,
                "the campaign database is not answering; try again shortly", ProblemMappers.path(uri), List.of()));
    }
}
