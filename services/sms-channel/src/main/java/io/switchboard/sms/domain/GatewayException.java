package io.switchboard.sms.domain;

/**
 * The provider refused a message. {@code permanent}: sending again cannot help (an invalid number, an
 * unsubscribed recipient); otherwise it may pass later (429, 5xx, no connection).
 *
 * @param code the provider's own error code when it gave one (Twilio 21211, 20429; an SMPP command status)
 */
public class GatewayException extends Exception {

    private final boolean permanent;
    private final String code;

    public GatewayException(String message, boolean permanent, String code) {
        super(message);
        this.permanent = permanent;
        this.code = code;
    }

    public boolean permanent() {
        return permanent;
    }

    public String code() {
        return code;
    }
}
