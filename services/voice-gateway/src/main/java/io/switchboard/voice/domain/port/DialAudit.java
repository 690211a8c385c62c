package io.switchboard.voice.domain.port;

import io.switchboard.voice.domain.DialRefusal;

/** Where refused calls to the public network are reported: a log line and a counter per tenant and reason. */
public interface DialAudit {

    void refused(DialRefusal refusal);
}
