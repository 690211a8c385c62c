package io.switchboard.voice.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The calls in progress on this instance, by contact id and by the SIP Call-ID of either leg. */
@ApplicationScoped
public class CallRegistry {

    private final Map<String, Call> byContact = new ConcurrentHashMap<>();
    private final Map<String, Call> byCallId = new ConcurrentHashMap<>();

    public void add(Call call) {
        byContact.put(call.contactId, call);
        byCallId.put(call.callerCallId, call);
    }

    /** Another leg of the call (an agent's phone, an outside number it is transferred to), found by its Call-ID from now on. */
    public void agentLeg(Call call, String callId) {
        byCallId.put(callId, call);
    }

    /** A leg that left the call (an agent's phone replaced by an outside number): its Call-ID no longer finds it. */
    public void forget(String callId) {
        byCallId.remove(callId);
    }

    public Optional<Call> byContact(String contactId) {
        return Optional.ofNullable(byContact.get(contactId));
    }

    public Optional<Call> byCallId(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    public void remove(Call call) {
        byContact.remove(call.contactId, call);
        byCallId.remove(call.callerCallId, call);
        if (call.agentCallId != null) {
            byCallId.remove(call.agentCallId, call);
        }
        if (call.transferCallId != null) {
            byCallId.remove(call.transferCallId, call);
        }
    }

    public Collection<Call> all() {
        return List.copyOf(byContact.values());
    }

    public int size() {
        return byContact.size();
    }
}
