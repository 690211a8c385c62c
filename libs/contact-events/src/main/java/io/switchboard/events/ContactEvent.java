package io.switchboard.events;

/** Events about one contact, on the contacts or routing topic, keyed by the contact id. */
public sealed interface ContactEvent extends SwitchboardEvent
        permits ContactCreated, ContactMessageReceived, ContactMessageSent, ContactMessageFailed, ContactMessageStatusChanged,
        ContactTyping, ContactEnded, ContactSurveyAnswered,
        ContactQueued, ContactOffered, ContactAssigned, ContactRejected, ContactAbandoned, ContactTransferred,
        ReplyRequested, CallControlRequested, CallDialRequested, CampaignCallRequested, CallAttemptCompleted {

    String contactId();

    @Override
    default String subject() {
        return contactId();
    }
}
