package io.switchboard.testing.architecture.clean.persistence;

import io.switchboard.testing.architecture.clean.domain.Order;
import java.util.ArrayList;
import java.util.List;

/** An adapter that implements the domain's port. */
public class OrderStore implements Order.Orders {

    private final List<Order> saved = new ArrayList<>();

    @Override
    public void save(Order order) {
        saved.add(order);
    }
}
