package io.switchboard.testing.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class LayeredArchitectureTest {

    private static final String FIXTURES = "io.switchboard.testing.architecture.";

    @Test
    void aDomainBehindPortsPasses() {
        assertThatCode(() -> layering("clean").check()).doesNotThrowAnyException();
    }

    @Test
    void aDomainThatImportsStorageFails() {
        assertThatThrownBy(() -> layering("leaky").check())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrderRow")
                .hasMessageContaining("give it a port");
    }

    @Test
    void aDomainThatTalksJdbcFailsAlthoughTheJdkIsAllowed() {
        assertThatThrownBy(() -> layering("framework").domainUsesNoFramework().check(layering("framework").classes()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.sql.Connection");
    }

    @Test
    void anAllowanceDoesNotReopenAFrameworkPackage() {
        LayeredArchitecture allowingTheJdk = layering("framework").allowingInDomain("java.sql..");

        assertThatThrownBy(allowingTheJdk::check).hasMessageContaining("java.sql.Connection");
    }

    @Test
    void aLibraryTheDomainUsesMustBeNamed() {
        assertThatThrownBy(() -> layering("borrowing").check()).hasMessageContaining("SampleEvents");
        assertThatCode(() -> layering("borrowing").allowingInDomain("io.switchboard.testing").check())
                .doesNotThrowAnyException();
    }

    private static LayeredArchitecture layering(String fixture) {
        String root = FIXTURES + fixture;
        return LayeredArchitecture.of(root, new ClassFileImporter().importPackages(root));
    }
}
