package io.switchboard.local;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.testing.websocket.JsonSocketClient;

/**
 * Customers chatting through the local chat channel's widget socket as the widget does: each starts a conversation
 * (with an email, so customer360 knows them), sends messages with ids of its own, and keeps each until the channel
 * acknowledged it. After a lost socket a customer connects again, resumes its conversation with the token the
 * channel gave it, and sends what was never acknowledged again with the same ids.
 */
final class ChattingCustomers {

    private static final String SOCKET = "ws://127.0.0.1:8082/chat/ws/";

    private final String widget;
    private final String run;
    private final List<Customer> customers = new ArrayList<>();
    /** Every message sent, by its id: whether the channel acknowledged it. */
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();

    private static final class Customer {
        final String email;
        final List<String> sent = new ArrayList<>();
        JsonSocketClient socket;
        String token;
        String contactId;

        Customer(String email) {
            this.email = email;
        }
    }

    ChattingCustomers(String widget, String run, int count) {
        this.widget = widget;
        this.run = run;
        for (int i = 0; i < count; i++) {
            Customer customer = new Customer(email(run, i));
            customer.socket = JsonSocketClient.connect(URI.create(SOCKET + widget), null);
            customer.socket.send("{\"type\":\"start\",\"name\":\"Fault Customer " + i + "\",\"email\":\"" + customer.email + "\"}");
            JsonNode ready = customer.socket.await("ready");
            customer.token = ready.path("token").asText();
            customer.contactId = ready.path("contactId").asText();
            customers.add(customer);
        }
    }

    static String email(String run, int customer) {
        return "chat." + run + "." + customer + "@customer.example";
    }

    /** The message's id, which its text ends with. */
    static String messageId(String run, int customer, int index) {
        return "chat-" + run + "-" + customer + "-" + index;
    }

    /**
     * Sends {@code perCustomer} messages from every customer in turn at {@code perSecond} in all, running {@code during}
     * once a third have gone; then waits two seconds for the last acknowledgements.
     */
    void sendPaced(int perCustomer, int perSecond, Runnable during) throws InterruptedException {
        PacedSteps.run(0, perCustomer * customers.size(), perSecond, during, n -> {
            int who = n % customers.size();
            Customer customer = customers.get(who);
            String id = messageId(run, who, n / customers.size());
            customer.sent.add(id);
            acknowledged.put(id, false);
            send(customer, id);
            drainAcknowledgements();
        });
        Instant until = Instant.now().plusSeconds(2);
        while (Instant.now().isBefore(until)) {
            drainAcknowledgements();
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Every customer connects again (as long as the channel refuses, for at most {@code within}), resumes its
     * conversation and sends its unacknowledged messages again with their ids, until each is acknowledged.
     */
    void resumeAndSendUnacknowledged(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        for (Customer customer : customers) {
            while (true) {
                try {
                    customer.socket = JsonSocketClient.connect(URI.create(SOCKET + widget), null);
                    customer.socket.send("{\"type\":\"resume\",\"token\":\"" + customer.token + "\"}");
                    customer.socket.await("ready");
                    break;
                } catch (RuntimeException | AssertionError notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new AssertionError("customer " + customer.email + " could not resume within " + within, notYet);
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        }
        while (acknowledged.containsValue(false) && Instant.now().isBefore(deadline)) {
            for (Customer customer : customers) {
                customer.sent.stream().filter(id -> !acknowledged.get(id)).forEach(id -> send(customer, id));
            }
            Instant until = Instant.now().plusSeconds(2);
            while (acknowledged.containsValue(false) && Instant.now().isBefore(until)) {
                drainAcknowledgements();
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Sends these acknowledged messages once more, as a widget that never saw their acknowledgement does. */
    void resend(Collection<String> ids) throws InterruptedException {
        for (Customer customer : customers) {
            customer.sent.stream().filter(ids::contains).forEach(id -> send(customer, id));
        }
        TimeUnit.SECONDS.sleep(1);
        drainAcknowledgements();
    }

    Map<String, Boolean> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    List<String> contactIds() {
        return customers.stream().map(c -> c.contactId).toList();
    }

    void close() {
        for (Customer customer : customers) {
            try {
                customer.socket.close();
            } catch (RuntimeException alreadyGone) {
                // the channel was killed under it
            }
        }
    }

    private static void send(Customer customer, String id) {
        try {
            customer.socket.send("{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"Where is my refund? " + id + "\"}");
        } catch (RuntimeException socketGone) {
            // unacknowledged: sent again after the reconnect
        }
    }

    private void drainAcknowledgements() {
        for (Customer customer : customers) {
            customer.socket.drain().stream().filter(frame -> "ack".equals(frame.path("type").asText()))
                    .forEach(ack -> acknowledged.computeIfPresent(ack.path("id").asText(), (id, was) -> true));
        }
    }
}
