package io.switchboard.chat.domain;

/** A request the widget made that cannot be served; becomes an {@code error} frame with this code. */
public class ChatException extends Exception {

    private final String code;

    public ChatException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
