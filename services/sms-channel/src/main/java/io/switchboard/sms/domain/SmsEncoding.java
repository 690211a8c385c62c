package io.switchboard.sms.domain;

/** How an SMS body travels: the GSM 03.38 7-bit alphabet, or UCS-2 as soon as one character is outside it. */
public enum SmsEncoding {
    GSM7(160, 153), UCS2(70, 67);

    private final int single;
    private final int concatenated;

    SmsEncoding(int single, int concatenated) {
        this.single = single;
        this.concatenated = concatenated;
    }

    /** Units (septets or UTF-16 code units) that fit one message on its own. */
    public int single() {
        return single;
    }

    /** Units per part of a concatenated message (the user data header takes the rest). */
    public int concatenated() {
        return concatenated;
    }
}
