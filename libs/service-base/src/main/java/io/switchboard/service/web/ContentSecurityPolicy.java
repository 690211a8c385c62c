package io.switchboard.service.web;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Content-Security-Policy of a web app built from the app's own files: scripts, styles and fonts only from
 * the app's origin, the API and the live socket on the same origin, the sign-in service's origin for the token
 * calls keycloak-js makes, blob: images and media for the documents, thumbnails and recordings the app reads
 * with the user's token, and no plugins, no foreign base URL and no framing unless origins are named.
 */
public record ContentSecurityPolicy(Set<String> connectOrigins, Set<String> frameAncestors) {

    public ContentSecurityPolicy {
        connectOrigins = Set.copyOf(connectOrigins);
        frameAncestors = Set.copyOf(frameAncestors);
    }

    /** The policy for pages that call the given URLs' origins and may be framed by the given origins. */
    public static ContentSecurityPolicy of(List<String> connectTo, List<String> frameAncestors) {
        return new ContentSecurityPolicy(connectTo.stream().map(ContentSecurityPolicy::origin).collect(Collectors.toSet()),
                frameAncestors.stream().map(ContentSecurityPolicy::origin).collect(Collectors.toSet()));
    }

    /** The header's value. */
    public String header() {
        String connect = sources("'self'", connectOrigins);
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: data:",
                "media-src 'self' blob:",
                "font-src 'self' data:",
                "connect-src " + connect,
                "frame-src " + (connectOrigins.isEmpty() ? "'none'" : sources("", connectOrigins)),
                "form-action " + connect,
                "frame-ancestors " + (frameAncestors.isEmpty() ? "'none'" : sources("", frameAncestors)),
                "base-uri 'self'",
                "object-src 'none'");
    }

    /** Whether no page may frame these pages (then X-Frame-Options says so too, for browsers without CSP 2). */
    public boolean unframed() {
        return frameAncestors.isEmpty();
    }

    /** A URL's origin (scheme, host and port as written), the form a CSP source list matches exactly. */
    static String origin(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        return scheme + "://" + uri.getHost().toLowerCase() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String sources(String first, Set<String> origins) {
        Set<String> all = new LinkedHashSet<>();
        if (!first.isEmpty()) {
            all.add(first);
        }
        origins.stream().sorted().forEach(all::add);
        return String.join(" ", all);
    }
}
