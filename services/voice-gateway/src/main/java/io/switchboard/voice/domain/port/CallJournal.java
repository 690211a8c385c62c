package io.switchboard.voice.domain.port;

/** The contacts whose calls are in progress, kept where a restart finds them. */
public interface CallJournal {

    void opened(String contactId, String tenantId);

    void closed(String contactId, String tenantId);
}
