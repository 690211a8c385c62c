package io.switchboard.desktop.domain;

/** Where a contact stands, as the inbox sees it. {@link #ENDED} is terminal. */
public enum ContactStatus {
    NEW, QUEUED, OFFERED, ASSIGNED, ENDED
}
