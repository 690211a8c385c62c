package io.switchboard.service.api;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Turns every exception that reaches the REST layer into RFC 9457 problem details. Callers get
 * a reason they can act on; stack traces stay in the log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new ProblemDetail(blank(), e.title(), e.status(), e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            return unreadableJson(json, uri);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? status.getReasonPhrase() : e.getMessage();
        return respond(new ProblemDetail(blank(), status.getReasonPhrase(), status.getStatusCode(), detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<ProblemDetail.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new ProblemDetail.Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(ProblemDetail.Violation::field))
                .toList();
        return respond(new ProblemDetail(blank(), "Bad Request", 400, "the request is not valid", path(uri), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail = "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage();
        return respond(new ProblemDetail(blank(), "Bad Request", 400, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getRequestUri().getRawPath());
        return respond(new ProblemDetail(blank(), "Internal Server Error", 500,
                "the server failed to handle the request; it has been logged", path(uri), List.of()));
    }

    /** The problem as its response, for a service's own mappers of its own exceptions. */
    public static Response respond(ProblemDetail problem) {
        return Response.status(problem.status()).type(ProblemDetail.MEDIA_TYPE).entity(problem).build();
    }

    private static URI blank() {
        return URI.create("about:blank");
    }

    /** The request's path, the {@code instance} of a problem. */
    public static URI path(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
