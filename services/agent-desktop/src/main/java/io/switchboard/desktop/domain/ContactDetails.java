package io.switchboard.desktop.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the agent needs on screen beyond the thread, from the channel's {@code contact.created} metadata: a
 * campaign call's record (its campaign, record id and the list's fields) and a fax's document (its id in
 * the fax channel and its pages). Null when the contact has neither.
 */
public record ContactDetails(String campaignId, String recordId, Map<String, String> record, String faxId, Integer pages) {

    /** The keys of {@code CampaignCallRequested} and the fax channel's metadata. */
    static final String CAMPAIGN_ID = "campaignId";
    static final String RECORD_ID = "recordId";
    static final String RECORD_FIELD = "record.";
    static final String FAX_ID = "faxId";
    static final String PAGES = "pages";

    public ContactDetails {
        record = record == null ? Map.of() : Map.copyOf(record);
    }

    public static ContactDetails of(Map<String, String> metadata) {
        Map<String, String> record = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key.startsWith(RECORD_FIELD) && key.length() > RECORD_FIELD.length()) {
                record.put(key.substring(RECORD_FIELD.length()), value);
            }
        });
        String campaignId = metadata.get(CAMPAIGN_ID);
        String faxId = metadata.get(FAX_ID);
        if (campaignId == null && faxId == null) {
            return null;
        }
        return new ContactDetails(campaignId, campaignId == null ? null : metadata.get(RECORD_ID), record, faxId, pages(metadata.get(PAGES)));
    }

    private static Integer pages(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
