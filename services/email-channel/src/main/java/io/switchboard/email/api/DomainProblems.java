package io.switchboard.email.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.email.domain.NotFoundException;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.api.ProblemMappers;

/** The domain's refusals as problem responses (RFC 9457); the domain itself knows nothing of HTTP. */
public class DomainProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return problems.problem(ProblemException.notFound(e.getMessage()), uri);
    }
}
