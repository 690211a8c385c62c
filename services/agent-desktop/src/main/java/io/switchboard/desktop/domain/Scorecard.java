package io.switchboard.desktop.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A tenant's quality scorecard: the criteria an evaluator scores, each with its weight and top score. */
public record Scorecard(String tenantId, String name, List<Criterion> criteria) {

    public static final int MAX_CRITERIA = 30;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** One criterion: scored 0..{@code maxScore}, counting {@code weight} in the total. */
    public record Criterion(String id, String label, int weight, int maxScore) {
    }

    public Scorecard {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new DesktopException.Invalid("a scorecard needs a name of 1 to 100 characters");
        }
        if (criteria == null || criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
            throw new DesktopException.Invalid("a scorecard has 1 to " + MAX_CRITERIA + " criteria");
        }
        Set<String> ids = new HashSet<>();
        for (Criterion c : criteria) {
            if (c == null || c.id() == null || !ID.matcher(c.id()).matches()) {
                throw new DesktopException.Invalid("a criterion id is lower-case letters, digits and hyphens: " + (c == null ? null : c.id()));
            }
            if (!ids.add(c.id())) {
                throw new DesktopException.Invalid("criterion " + c.id() + " appears twice");
            }
            if (c.label() == null || c.label().isBlank() || c.label().length() > 200) {
                throw new DesktopException.Invalid("criterion " + c.id() + " needs a label of 1 to 200 characters");
            }
            if (c.weight() < 1 || c.weight() > 100) {
                throw new DesktopException.Invalid("criterion " + c.id() + ": weight must be 1 to 100");
            }
            if (c.maxScore() < 1 || c.maxScore() > 10) {
                throw new DesktopException.Invalid("criterion " + c.id() + ": maxScore must be 1 to 10");
            }
        }
        criteria = List.copyOf(criteria);
    }
}
