package io.switchboard.reporting.api;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;

/** An invalid schedule as RFC 9457 problem details with a violation per wrong field. */
public class ScheduleProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidScheduleException e, UriInfo uri) {
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), "Bad Request", 400, e.getMessage(),
                ProblemMappers.path(uri), e.violations()));
    }
}
