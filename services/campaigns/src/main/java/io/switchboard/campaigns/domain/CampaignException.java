package io.switchboard.campaigns.domain;

/** A request the campaign's state refuses: not found (404), forbidden (403) or in conflict with it (409). */
public class CampaignException extends RuntimeException {

    public enum Kind {
        NOT_FOUND, FORBIDDEN, CONFLICT
    }

    private final Kind kind;

    public CampaignException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static CampaignException notFound(String message) {
        return new CampaignException(Kind.NOT_FOUND, message);
    }

    public static CampaignException conflict(String message) {
        return new CampaignException(Kind.CONFLICT, message);
    }

    public static CampaignException forbidden(String message) {
        return new CampaignException(Kind.FORBIDDEN, message);
    }

    public Kind kind() {
        return kind;
    }
}
