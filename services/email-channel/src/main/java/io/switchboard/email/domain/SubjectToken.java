package io.switchboard.email.domain;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contact token in reply subjects, {@code [#SB-1234]}: threads a customer's answer when their
 * mail client dropped In-Reply-To and References.
 */
public final class SubjectToken {

    private static final Pattern TOKEN = Pattern.compile("\\[#SB-(\\d{1,18})]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*((re|fw|fwd|aw|wg|sv|antw)\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

    private SubjectToken() {
    }

    public static String format(long token) {
        return "[#SB-" + token + "]";
    }

    public static OptionalLong find(String subject) {
        if (subject == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = TOKEN.matcher(subject);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** {@code Re: <subject without reply prefixes or tokens> [#SB-n]}. */
    public static String replySubject(String subject, long token) {
        String base = TOKEN.matcher(subject == null ? "" : subject).replaceAll("");
        base = REPLY_PREFIX.matcher(base).replaceFirst("").strip().replaceAll("\\s{2,}", " ");
        return (base.isEmpty() ? "Re: " : "Re: " + base + " ") + format(token);
    }
}
