package io.switchboard.testing.architecture.clean.domain;

/** A domain that uses nothing but the JDK and its own port. */
public record Order(String id) {

    public interface Orders {
        void save(Order order);
    }
}
