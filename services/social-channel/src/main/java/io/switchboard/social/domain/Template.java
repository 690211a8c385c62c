package io.switchboard.social.domain;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An approved WhatsApp message template: name, language and a body with {{1}}, {{2}}, ... placeholders. */
public record Template(String name, String language, String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");

    /** How many parameters the body takes (the highest placeholder number). */
    public int parameters() {
        Matcher m = PLACEHOLDER.matcher(text);
        int highest = 0;
        while (m.find()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        return highest;
    }

    /** The body with its parameters filled in, as the customer will read it. */
    public String render(List<String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1)) - 1;
            m.appendReplacement(out, Matcher.quoteReplacement(index < values.size() ? values.get(index) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
