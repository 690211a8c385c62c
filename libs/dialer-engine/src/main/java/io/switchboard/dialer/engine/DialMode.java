package io.switchboard.dialer.engine;

/**
 * How a campaign places calls. {@link #PREVIEW}: the agent sees the record and presses Call (the
 * dialer places nothing by itself). {@link #PROGRESSIVE}: one line per free agent, so no answered call
 * waits for an agent. {@link #PREDICTIVE}: more lines than free agents, paced by the answer rate and
 * the handle times so that agents wait little while the abandoned-call cap holds.
 */
public enum DialMode {
    PREVIEW, PROGRESSIVE, PREDICTIVE
}
