package io.switchboard.campaigns.domain;

/** DRAFT → RUNNING ⇄ PAUSED → STOPPED; a running campaign with every record done becomes COMPLETED. */
public enum CampaignState {
    DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED;

    public boolean editable() {
        return this == DRAFT || this == PAUSED;
    }

    public boolean finished() {
        return this == STOPPED || this == COMPLETED;
    }
}
