package io.switchboard.email.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Message-ID lists of In-Reply-To and References (RFC 5322 msg-id: {@code <left@right>}). */
public final class MessageIds {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");

    private MessageIds() {
    }

    public static List<String> parse(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher matcher = MSG_ID.matcher(header);
        while (matcher.find()) {
            if (!ids.contains(matcher.group())) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }

    /** The first Message-ID in a header, or null. */
    public static String first(String header) {
        List<String> ids = parse(header);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
