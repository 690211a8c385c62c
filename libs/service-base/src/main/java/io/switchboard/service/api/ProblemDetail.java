package io.switchboard.service.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error body of every Switchboard REST API: RFC 9457 problem details, served as
 * {@code application/problem+json}. {@code violations} lists the fields that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(URI type, String title, int status, String detail, URI instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {
    }

    public static ProblemDetail of(int status, String title, String detail) {
        return new ProblemDetail(URI.create("about:blank"), title, status, detail, null, List.of());
    }
}
