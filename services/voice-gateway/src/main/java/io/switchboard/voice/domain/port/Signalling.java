package io.switchboard.voice.domain.port;

import io.switchboard.voice.domain.Call;

/**
 * What a call needs from the signalling side. Legs are named by their Call-ID; the adapter keeps
 * its dialogs and transactions. Methods that build a request throw {@link SignallingException}.
 */
public interface Signalling {

    /** A fresh Call-ID for a leg we will start. */
    String newCallId();

    /** Our INVITE to agent {@code agentId}'s phone at {@code contact} for an offer from {@code queueId} (the whisper). */
    PendingInvite ringAgent(Call call, String agentId, String contact, String queueId);

    /** Our INVITE to supervisor {@code supervisorId}'s phone at {@code contact}, joining the call on {@code leg}'s port. */
    PendingInvite ringSupervisor(Call call, String supervisorId, String contact, AudioLeg leg);

    /** The peer ended leg {@code callId} (its BYE, or its dialog died) while the call goes on: its dialog is forgotten. */
    void legEnded(String callId);

    /** Our INVITE to the agent's phone at {@code contact} for their own call to the customer. */
    PendingInvite ringAgentForOwnCall(Call call, String contact);

    /** Our INVITE to the customer through the outbound trunk, on the call's caller leg. */
    PendingInvite dialCustomer(Call call);

    /**
     * Our INVITE to a campaign's customer through the outbound trunk, on the call's caller leg: the DID
     * as caller id, shown as {@code displayName} (the tenant's name; null: none).
     */
    PendingInvite dialCampaignCustomer(Call call, String displayName);

    /** Our INVITE to an outside number through the outbound trunk (a transfer out of the center). */
    PendingInvite dialOutside(Call call, String number);

    /** BYE on the leg's dialog, if it has one. */
    void hangUp(String callId);

    /** CANCEL of our INVITE on the leg, while it is pending. */
    void cancel(String callId);

    /** 487 to the caller's INVITE we had not answered yet. */
    void terminateUnanswered(String callId);

    /** Re-INVITEs the caller's leg: {@code sendonly} for hold, {@code sendrecv} to resume. */
    void reInviteCaller(Call call, String direction);

    /** A NOTIFY to the agent's phone about the transfer it asked for, with a sipfrag status line. */
    void notifyReferrer(Call call, String statusLine, boolean last);

    /** The call is over: the legs' dialogs and transactions are forgotten. */
    void released(Call call);
}
