package io.switchboard.campaigns.domain;

/**
 * What a campaign's answered calls are for. {@link #AGENT}: an agent of the queue talks to the customer.
 * {@link #SURVEY}: the gateway plays the tenant's prompts and collects a key per question, no agent.
 * {@link #COLLECTIONS}: an agent campaign whose records carry the debt ({@code amount_due}) and whose queue
 * offers the {@code PROMISE_TO_PAY} disposition.
 */
public enum CampaignKind {
    AGENT, SURVEY, COLLECTIONS;

    public boolean usesAgents() {
        return this != SURVEY;
    }
}
