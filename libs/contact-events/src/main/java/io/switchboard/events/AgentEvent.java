package io.switchboard.events;

/** Events about one agent, keyed by the agent id. */
public sealed interface AgentEvent extends SwitchboardEvent permits AgentStateChanged, OfferAnswered, TransferRequested, WrapUpCompleted {

    String agentId();

    @Override
    default String subject() {
        return agentId();
    }
}
