package io.switchboard.testing.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** Class predicates the layering rules need and ArchUnit's package syntax cannot say. */
final class ArchitecturePredicates {

    private ArchitecturePredicates() {
    }

    /** Classes under {@code root} (its own package included) but outside {@code excluded} and its sub-packages. */
    static DescribedPredicate<JavaClass> insideButNotIn(String root, String excluded) {
        return insideButNotIn(root, List.of(excluded));
    }

    /** Classes under {@code root} (its own package included) but outside each of {@code excluded} and their sub-packages. */
    static DescribedPredicate<JavaClass> insideButNotIn(String root, List<String> excluded) {
        return DescribedPredicate.describe("reside in " + root + " outside " + String.join(", ", excluded),
                javaClass -> within(javaClass.getPackageName(), root)
                        && excluded.stream().noneMatch(e -> within(javaClass.getPackageName(), e)));
    }

    private static boolean within(String packageName, String parent) {
        return packageName.equals(parent) || packageName.startsWith(parent + ".");
    }
}
