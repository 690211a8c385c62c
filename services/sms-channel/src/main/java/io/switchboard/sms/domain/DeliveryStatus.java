package io.switchboard.sms.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.switchboard.events.ContactMessageStatusChanged.Status;

/** Providers' delivery statuses (Twilio's MessageStatus, SMPP receipt states) as the contract's statuses. */
public final class DeliveryStatus {

    private static final Map<String, Status> STATUSES = Map.ofEntries(
            Map.entry("accepted", Status.QUEUED), Map.entry("scheduled", Status.QUEUED), Map.entry("queued", Status.QUEUED),
            Map.entry("sending", Status.SENT), Map.entry("sent", Status.SENT), Map.entry("enroute", Status.SENT),
            Map.entry("delivered", Status.DELIVERED), Map.entry("delivrd", Status.DELIVERED), Map.entry("read", Status.READ),
            Map.entry("undelivered", Status.UNDELIVERED), Map.entry("undeliv", Status.UNDELIVERED),
            Map.entry("expired", Status.UNDELIVERED), Map.entry("failed", Status.FAILED), Map.entry("rejectd", Status.FAILED),
            Map.entry("deleted", Status.FAILED), Map.entry("canceled", Status.FAILED),
            Map.entry("submitted", Status.SENT), Map.entry("rejected", Status.FAILED), Map.entry("undeliverable", Status.UNDELIVERED), Map.entry("acceptd", Status.SENT));

    /** Twilio's delivery error codes that agents meet most, in words they can act on. */
    private static final Map<String, String> REASONS = Map.of(
            "30003", "the handset is unreachable (switched off or out of coverage)",
            "30004", "the message was blocked (the recipient or their carrier blocks it)",
            "30005", "the number is unknown or no longer exists",
            "30006", "the number is a landline or its carrier cannot take texts",
            "30007", "the carrier filtered the message as spam",
            "30008", "the carrier reported an unknown error",
            "21610", "the recipient has unsubscribed (replied STOP)");

    private DeliveryStatus() {
    }

    public static Optional<Status> of(String providerStatus) {
        return providerStatus == null ? Optional.empty()
                : Optional.ofNullable(STATUSES.get(providerStatus.strip().toLowerCase(Locale.ROOT)));
    }

    static String reason(String code, String providerMessage) {
        if (providerMessage != null && !providerMessage.isBlank()) {
            return providerMessage.strip();
        }
        if (code == null) {
            return "the carrier did not deliver the message";
        }
        return REASONS.getOrDefault(code, "the carrier did not deliver the message (error " + code + ")");
    }
}
