package io.switchboard.admin.domain;

import java.util.regex.Pattern;

/** Ids of tenants, queues, skills and agents: lower-case words joined by dashes, as they appear in URLs, topics and tokens. */
public final class Identifiers {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Identifiers() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static void require(String id, String what) {
        if (!valid(id)) {
            throw InvalidConfigurationException.of(what, "must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
    }
}
