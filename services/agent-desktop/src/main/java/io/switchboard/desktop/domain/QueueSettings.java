package io.switchboard.desktop.domain;

import java.util.List;
import java.util.Optional;

import io.switchboard.events.QueueConfigured.CannedResponse;
import io.switchboard.events.QueueConfigured.Disposition;

/**
 * What a queue's configuration asks of the agents who serve it: the after-contact work time routing
 * gives them, the disposition codes they choose from when they wrap a contact up (required when there
 * are any) and the canned responses they insert into replies.
 */
public record QueueSettings(String tenantId, String queueId, String name, int wrapUpSeconds, List<Disposition> dispositions,
        List<CannedResponse> cannedResponses) {

    public QueueSettings {
        dispositions = List.copyOf(dispositions);
        cannedResponses = List.copyOf(cannedResponses);
    }

    /** What an unknown queue (or a contact without one) asks: nothing. */
    public static QueueSettings none(String tenantId, String queueId) {
        return new QueueSettings(tenantId, queueId, queueId, 0, List.of(), List.of());
    }

    public Optional<Disposition> disposition(String code) {
        return dispositions.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public List<String> codes() {
        return dispositions.stream().map(Disposition::code).toList();
    }
}
