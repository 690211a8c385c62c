package io.switchboard.sms.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's text read as an answer to the satisfaction survey: a score of 1 to 5 first, alone or
 * followed by a comment ("4", "5 thanks!", "2: slow"). Anything else is an ordinary text.
 */
public record SurveyAnswer(int score, String comment) {

    private static final Pattern ANSWER = Pattern.compile("^\\s*([1-5])(?:\\s*[.,:;!)-]?\\s+(.+?)|\\s*[.!]?)\\s*$", Pattern.DOTALL);

    public static Optional<SurveyAnswer> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = ANSWER.matcher(body);
        if (!m.matches()) {
            return Optional.empty();
        }
        String comment = m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).strip();
        return Optional.of(new SurveyAnswer(Integer.parseInt(m.group(1)), comment));
    }
}
