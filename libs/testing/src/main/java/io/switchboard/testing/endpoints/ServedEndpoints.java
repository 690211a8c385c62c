package io.switchboard.testing.endpoints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The endpoints a service serves, read from its compiled classes, for an authorization matrix that must have a row
 * for each: a new endpoint, or a new resource class, without a row then fails the matrix.
 */
public final class ServedEndpoints {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final List<String> SOCKETS = List.of("io.quarkus.websockets.next.WebSocket",
            "jakarta.websocket.server.ServerEndpoint", "io.quarkus.vertx.web.Route");

    private ServedEndpoints() {
    }

    /** {@link #of(Path)} of the module's own {@code target/classes} (the tests' working directory is the module). */
    public static TreeSet<String> ofThisModule() {
        return of(Path.of("target/classes"));
    }

    /**
     * "VERB /api/path" (under the module's REST root) of every JAX-RS method compiled into {@code classes} (a sub-resource locator as "LOCATOR ..."),
     * and "SOCKET class" of every WebSocket endpoint or reactive route.
     */
    public static TreeSet<String> of(Path classes) {
        Index index = index(classes);
        String root = restRoot(classes);
        TreeSet<String> served = new TreeSet<>();
        for (String socket : SOCKETS) {
            index.getAnnotations(DotName.createSimple(socket)).forEach(a -> served.add("SOCKET " + a.target()));
        }
        for (AnnotationInstance classPath : index.getAnnotations(PATH)) {
            if (classPath.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = classPath.target().asClass();
            for (MethodInfo method : resource.methods()) {
                String verb = VERBS.stream().filter(v -> method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + v)))
                        .findFirst().orElse(method.hasDeclaredAnnotation(PATH) ? "LOCATOR" : null);
                if (verb != null) {
                    AnnotationInstance path = method.declaredAnnotation(PATH);
                    String full = (root + "/" + classPath.value().asString() + "/" + (path == null ? "" : path.value().asString()))
                            .replaceAll("/+", "/");
                    served.add(verb + " " + (full.endsWith("/") ? full.substring(0, full.length() - 1) : full));
                }
            }
        }
        return served;
    }

    /**
     * The module's {@code quarkus.rest.path}: /api as service-base sets it, unless the module's application.properties
     * serves its resources from the root (a channel whose provider webhooks live beside its /api).
     */
    private static String restRoot(Path classes) {
        Path properties = classes.resolve("application.properties");
        if (Files.isRegularFile(properties)) {
            Properties read = new Properties();
            try (InputStream in = Files.newInputStream(properties)) {
                read.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + properties, e);
            }
            String root = read.getProperty("quarkus.rest.path");
            if (root != null) {
                return root.strip();
            }
        }
        return "/api";
    }

    private static Index index(Path classes) {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + classes, e);
        }
        return indexer.complete();
    }
}
