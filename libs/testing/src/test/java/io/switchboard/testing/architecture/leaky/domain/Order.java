package io.switchboard.testing.architecture.leaky.domain;

import io.switchboard.testing.architecture.leaky.persistence.OrderRow;

/** A domain that reaches into storage: what the layering forbids. */
public record Order(String id) {

    public OrderRow toRow() {
        return new OrderRow(id);
    }
}
