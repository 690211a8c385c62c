package io.switchboard.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The layering every Switchboard service shares, as ArchUnit rules over the service's production
 * classes: {@code domain} is plain Java behind ports; {@code persistence}, {@code messaging},
 * {@code api}, {@code config} (and any other top-level package) depend on it, never the reverse.
 *
 * <pre>{@code
 * class ArchitectureTest {
 *     private static final LayeredArchitecture CHAT = LayeredArchitecture.of("io.switchboard.chat")
 *             .allowingInDomain("jakarta.enterprise..", "org.jboss.logging..");
 *
 *     @Test
 *     void followsTheSharedLayering() {
 *         CHAT.check();
 *     }
 * }
 * }</pre>
 *
 * The domain may depend on the JDK (except {@code java.sql}; {@code javax.crypto} included), on its own package, on the event
 * contract {@code io.switchboard.events} and on nothing else unless the module names it with
 * {@link #allowingInDomain}. An allowance never reopens the {@link #FRAMEWORK} packages: allowing
 * {@code "jakarta.."} for CDI annotations still forbids {@code jakarta.ws.rs}. Each rule is also
 * offered alone, so a module can add its own rules next to them against {@link #classes()}.
 * The adapter rules pass for a service without that package (one without messaging, say); the domain
 * rules fail when {@code domain} is empty, since that means the root package is wrong.
 * Instances are immutable; every {@code allowing...} returns a new one.
 */
public final class LayeredArchitecture {

    /** Packages the domain never uses, whatever a module allows. */
    public static final List<String> FRAMEWORK = List.of("io.quarkus..", "io.smallrye..", "io.vertx..",
            "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta.ws.rs..", "jakarta.persistence..",
            "org.eclipse.microprofile..", "javax.sip..", "gov.nist..", "io.switchboard.service.api..",
            "io.switchboard.service.messaging..", "io.switchboard.service.security..");

    /** What every domain may use without naming it: the JDK (its cryptography included) and the platform's event contract. */
    public static final List<String> ALWAYS_ALLOWED = List.of("java..", "javax.crypto..", "io.switchboard.events..");

    private static final String FIX_DOMAIN = "the domain is tested and reasoned about alone; give it a port"
            + " (an interface) in domain/ and implement it in an adapter package";

    private final String root;
    private final List<String> allowedInDomain;
    private final List<String> otherModules;
    private final JavaClasses classes;

    private LayeredArchitecture(String root, List<String> allowedInDomain, List<String> otherModules, JavaClasses classes) {
        this.root = root;
        this.allowedInDomain = List.copyOf(allowedInDomain);
        this.otherModules = List.copyOf(otherModules);
        this.classes = classes;
    }

    /** Imports the production classes (not the tests) under {@code rootPackage}, e.g. {@code "io.switchboard.chat"}. */
    public static LayeredArchitecture of(String rootPackage) {
        Objects.requireNonNull(rootPackage, "rootPackage");
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        return of(rootPackage, imported);
    }

    /** The rules over classes imported elsewhere, e.g. test fixtures that stand in for a service. */
    public static LayeredArchitecture of(String rootPackage, JavaClasses classes) {
        Objects.requireNonNull(rootPackage, "rootPackage");
        return new LayeredArchitecture(rootPackage, List.of(), List.of(), classes);
    }

    /**
     * Lets the domain use these packages too (ArchUnit identifiers such as {@code "org.jboss.logging.."}).
     * Name them narrowly: what the domain may lean on is part of the module's design.
     */
    public LayeredArchitecture allowingInDomain(String... packageIdentifiers) {
        List<String> allowed = new ArrayList<>(allowedInDomain);
        allowed.addAll(List.of(packageIdentifiers));
        return new LayeredArchitecture(root, allowed, otherModules, classes);
    }

    /**
     * Leaves out packages under the root that another module owns, e.g. {@code "io.switchboard.routing.engine"}
     * (libs/routing-engine) under routing's {@code io.switchboard.routing}: they are neither checked nor a
     * layer of this service. The domain may use them only if {@link #allowingInDomain} names them.
     */
    public LayeredArchitecture excludingModule(String packageName) {
        List<String> excluded = new ArrayList<>(otherModules);
        excluded.add(packageName);
        return new LayeredArchitecture(root, allowedInDomain, excluded,
                classes.that(ArchitecturePredicates.insideButNotIn(root, packageName)));
    }

    /** The imported production classes (without {@link #excludingModule excluded modules}), for a module's own rules. */
    public JavaClasses classes() {
        return classes;
    }

    /** The service's root package, e.g. {@code io.switchboard.chat}. */
    public String rootPackage() {
        return root;
    }

    /** Checks every shared rule and reports all violations together. */
    public void check() {
        CompositeArchRule.of(domainUsesNoFramework())
                .and(domainUsesNoOtherLayer())
                .and(domainUsesOnlyWhatItAllows())
                .and(storageKnowsNothingOfMessagingOrTheApi())
                .and(messagingDoesNotCallTheApi())
                .and(topLevelPackagesHaveNoCycles())
                .check(classes);
    }

    /** The domain touches no framework, driver, transport or service-base adapter package. */
    public ArchRule domainUsesNoFramework() {
        return noClasses().that().resideInAPackage(domain())
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK.toArray(String[]::new))
                .because(FIX_DOMAIN + "; configuration reaches it as plain values from config/");
    }

    /** The domain calls no other package of its own service: those call it. */
    public ArchRule domainUsesNoOtherLayer() {
        return noClasses().that().resideInAPackage(domain())
                .should().dependOnClassesThat(ArchitecturePredicates.insideButNotIn(root, Stream.concat(
                        Stream.of(root + ".domain"), otherModules.stream()).toList()))
                .because(FIX_DOMAIN + "; api, persistence, messaging and config depend on the domain, never the reverse");
    }

    /** The domain depends on the JDK, itself, the event contract and the module's named allowances only. */
    public ArchRule domainUsesOnlyWhatItAllows() {
        String[] allowed = Stream.of(ALWAYS_ALLOWED.stream(), Stream.of(domain()), allowedInDomain.stream())
                .flatMap(s -> s)
                .toArray(String[]::new);
        return ArchRuleDefinition.classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because(FIX_DOMAIN + "; if the library is plain Java and belongs to the domain's logic,"
                        + " name it in the module's ArchitectureTest with allowingInDomain(...)");
    }

    /** Storage is called by messaging and the API; it calls neither. */
    public ArchRule storageKnowsNothingOfMessagingOrTheApi() {
        return noClasses().that().resideInAPackage(root + ".persistence..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".messaging..", root + ".api..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle:"
                        + " move the shared piece into domain/ or persistence/")
                .allowEmptyShould(true);
    }

    /** Consumers and publishers work without a request. */
    public ArchRule messagingDoesNotCallTheApi() {
        return noClasses().that().resideInAPackage(root + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(root + ".api..")
                .because("consumers and publishers work without a request; share the logic through domain/ instead")
                .allowEmptyShould(true);
    }

    /** No two top-level packages of the service depend on each other. */
    public ArchRule topLevelPackagesHaveNoCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between packages means one side should be a port in domain/ that the other implements")
                .allowEmptyShould(true);
    }

    private String domain() {
        return root + ".domain..";
    }
}
