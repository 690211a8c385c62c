package io.switchboard.sms.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The carrier-standard compliance keywords. A message is a keyword only when it is the keyword alone
 * (any case, surrounding space and a trailing full stop or exclamation mark ignored), as carriers match
 * them: "stop" opts out, "please stop calling me" is a customer's message for the agent.
 */
public enum Keyword {
    /** STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT: opt out for the tenant. */
    OPT_OUT,
    /** START, UNSTOP: opt back in. */
    OPT_IN,
    /** HELP: answered with the tenant's help text. */
    HELP;

    private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP");

    public static Optional<Keyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (OPT_OUT_WORDS.contains(word)) {
            return Optional.of(OPT_OUT);
        }
        if (OPT_IN_WORDS.contains(word)) {
            return Optional.of(OPT_IN);
        }
        return word.equals("HELP") ? Optional.of(HELP) : Optional.empty();
    }

    /** The word as the customer sent it, upper-cased (what the opt-out record keeps). */
    public static String word(String body) {
        return body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
    }
}
