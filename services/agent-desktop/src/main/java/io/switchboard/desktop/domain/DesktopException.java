package io.switchboard.desktop.domain;

/**
 * Why the desktop refuses what a user asked, in the domain's own words; {@code api} turns each kind
 * into its problem response (RFC 9457). Unchecked, like the other refusals of a request.
 */
public abstract sealed class DesktopException extends RuntimeException
        permits DesktopException.Invalid, DesktopException.NotFound, DesktopException.Forbidden, DesktopException.Conflict,
        DesktopException.OfferExpired {

    protected DesktopException(String message) {
        super(message);
    }

    /** The request itself is wrong: a bad value, or a missing one. {@code field} names it where one field is at fault. */
    public static final class Invalid extends DesktopException {

        private final String field;

        public Invalid(String message) {
            this(null, message);
        }

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The request field at fault, or null when the request as a whole is. */
        public String field() {
            return field;
        }
    }

    /** Nothing of that id for this user: it does not exist, or it is another agent's or another tenant's. */
    public static final class NotFound extends DesktopException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The user sees it, but this action on it is not theirs to take. */
    public static final class Forbidden extends DesktopException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The action does not fit where the contact (or the agent) stands now. */
    public static final class Conflict extends DesktopException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** An offer answered after it expired. */
    public static final class OfferExpired extends DesktopException {
        public OfferExpired(String message) {
            super(message);
        }
    }
}
