package io.switchboard.desktop.api;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.desktop.domain.DesktopException;
import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;

/** The domain's refusals as problem details: the status and title of each kind, and the field at fault. */
public class DomainProblems {

    @ServerExceptionMapper
    public Response refused(DesktopException e, UriInfo uri) {
        int status;
        String title;
        List<ProblemDetail.Violation> violations = List.of();
        if (e instanceof DesktopException.Invalid invalid) {
            status = 400;
            title = "Bad Request";
            if (invalid.field() != null) {
                violations = List.of(new ProblemDetail.Violation(invalid.field(), invalid.getMessage()));
            }
        } else if (e instanceof DesktopException.NotFound) {
            status = 404;
            title = "Not Found";
        } else if (e instanceof DesktopException.Forbidden) {
            status = 403;
            title = "Forbidden";
        } else if (e instanceof DesktopException.Conflict) {
            status = 409;
            title = "Conflict";
        } else {
            status = 410;
            title = "Offer expired";
        }
        return ProblemMappers.respond(new ProblemDetail(java.net.URI.create("about:blank"), title, status, e.getMessage(),
                ProblemMappers.path(uri), violations));
    }
}
