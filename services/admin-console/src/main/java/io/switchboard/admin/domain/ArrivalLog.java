package io.switchboard.admin.domain;

import java.time.Instant;
import java.util.List;

/** The contacts each queue received, as routing reported them, for forecasts from observed traffic. */
public interface ArrivalLog {

    /** Records that a contact entered a queue; recording it again changes nothing. */
    void record(String tenantId, String queueId, String contactId, Instant at);

    /** The times contacts entered the queue in [from, to). */
    List<Instant> arrivals(String tenantId, String queueId, Instant from, Instant to);
}
