package io.switchboard.events;

/** A customer's consent to be contacted at one address, on the consent topic (compacted). */
public sealed interface ConsentEvent extends SwitchboardEvent permits OptOutChanged {
}
