package io.switchboard.reporting.domain;

import java.util.regex.Pattern;

/** Who a scheduled report may be mailed to: at most {@link #MAX} plain addresses (no display names). */
public final class Recipients {

    public static final int MAX = 20;

    // RFC 5321's dot-atom local part and a host name of at least two labels with a letter top-level domain;
    // quoted local parts and address literals are left out, which client contacts' addresses do not need.
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private Recipients() {
    }

    /** Why {@code address} cannot be a recipient, or null when it can. */
    public static String problem(String address) {
        if (address == null || address.isBlank()) {
            return "is empty";
        }
        if (address.length() > 254) {
            return "is longer than 254 characters";
        }
        int at = address.lastIndexOf('@');
        if (at > 64) {
            return "has a local part longer than 64 characters";
        }
        if (!ADDRESS.matcher(address).matches()) {
            return "'" + address + "' is not an email address such as reports@client.example";
        }
        return null;
    }
}
