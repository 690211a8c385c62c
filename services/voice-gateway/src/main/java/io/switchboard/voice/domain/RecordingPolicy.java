package io.switchboard.voice.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;

/** The tenants' queues, and which of them record their calls (the queue's {@code recordCalls} flag from its configuration). */
@ApplicationScoped
public class RecordingPolicy {

    private final Map<String, Boolean> queues = new ConcurrentHashMap<>();

    public void accept(SwitchboardEvent event) {
        if (event instanceof QueueConfigured queue) {
            queues.put(queue.tenantId() + ":" + queue.queueId(), queue.recordCalls() && queue.active());
        }
    }

    /** Whether {@code queueId} is one of the tenant's queues (a transfer target). */
    public boolean hasQueue(String tenantId, String queueId) {
        return queues.containsKey(tenantId + ":" + queueId);
    }

    public boolean records(String tenantId, String queueId) {
        return queueId != null && queues.getOrDefault(tenantId + ":" + queueId, false);
    }
}
