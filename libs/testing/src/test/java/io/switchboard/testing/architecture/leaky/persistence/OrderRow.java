package io.switchboard.testing.architecture.leaky.persistence;

/** A storage row the leaky domain knows about. */
public record OrderRow(String id) {
}
