package io.switchboard.social.domain;

import java.util.List;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.address.SocialAccount;

/** Port: the platforms' send and media APIs (Graph API for Meta, the Bot API for Telegram). */
public interface PlatformGateway {

    /** A template send (WhatsApp): its name, language and body parameters in order. */
    record TemplateSend(String name, String language, List<String> parameters) {
    }

    /**
     * One outgoing message. Exactly one of {@code text}, {@code template} or {@code attachment} leads;
     * {@code tag} is Messenger's message tag (HUMAN_AGENT) when the standard window has passed.
     */
    record Send(SocialAccount account, String recipientId, String text, TemplateSend template, AttachmentRef attachment,
            String tag) {
    }

    /** A fetched file. */
    record Media(byte[] data, String contentType, String filename) {
    }

    /** Thrown by {@link #fetch} when the file is larger than allowed; it is listed, not stored. */
    class TooLargeException extends Exception {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** Sends and returns the platform's id of the message. */
    String send(Send send) throws PlatformException;

    Media fetch(SocialAccount account, InboundMessage.MediaItem item, int maxBytes) throws PlatformException, TooLargeException;
}
