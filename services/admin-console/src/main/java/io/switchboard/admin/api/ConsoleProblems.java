package io.switchboard.admin.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.admin.domain.AccessDeniedException;
import io.switchboard.admin.domain.ConflictException;
import io.switchboard.admin.domain.IdentityUnavailableException;
import io.switchboard.admin.domain.InvalidConfigurationException;
import io.switchboard.admin.domain.NotFoundException;
import io.switchboard.admin.persistence.StoreException;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;

/** The domain's refusals as RFC 9457 problem details: a field-level list for invalid changes, a reason for the rest. */
public class ConsoleProblems {

    private static final Logger LOG = Logger.getLogger(ConsoleProblems.class);

    @ServerExceptionMapper
    public Response invalid(InvalidConfigurationException e, UriInfo uri) {
        List<ProblemDetail.Violation> violations = e.errors().stream()
                .map(f -> new ProblemDetail.Violation(f.field(), f.message())).toList();
        return ProblemMappers.respond(new ProblemDetail(URI.create("about:blank"), "Bad Request", 400, e.getMessage(),
                ProblemMappers.path(uri), violations));
    }

    @ServerExceptionMapper
    public Response denied(AccessDeniedException e, UriInfo uri) {
        return respond(ProblemDetail.of(403, "Forbidden", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(ProblemDetail.of(404, "Not Found", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return respond(ProblemDetail.of(409, "Conflict", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response identity(IdentityUnavailableException e, UriInfo uri) {
        LOG.warnf("Keycloak unavailable: %s", e.getMessage());
        return respond(ProblemDetail.of(503, "Service Unavailable", e.getMessage() + "; nothing was changed, try again"), uri);
    }

    @ServerExceptionMapper
    public Response store(StoreException e, UriInfo uri) {
        LOG.errorf(e, "configuration database failed");
        return respond(ProblemDetail.of(503, "Service Unavailable", "the configuration database is unavailable; nothing was changed"),
                uri);
    }

    private static Response respond(ProblemDetail problem, UriInfo uri) {
        return ProblemMappers.respond(new ProblemDetail(problem.type(), problem.title(), problem.status(), problem.detail(),
                ProblemMappers.path(uri), List.of()));
    }
}
