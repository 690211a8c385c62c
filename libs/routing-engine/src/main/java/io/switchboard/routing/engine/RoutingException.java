package io.switchboard.routing.engine;

/** A command the engine refuses; the engine's state is unchanged when it is thrown. */
public class RoutingException extends RuntimeException {

    public RoutingException(String message) {
        super(message);
    }
}
