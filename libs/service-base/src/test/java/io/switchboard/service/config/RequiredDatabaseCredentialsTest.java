package io.switchboard.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class RequiredDatabaseCredentialsTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "quarkus.datasource.username", "${SB_TEST_UNSET_DATABASE_USER}",
            "quarkus.datasource.password", "${SB_TEST_UNSET_DATABASE_PASSWORD}",
            "%dev.quarkus.datasource.username", "postgres",
            "other.optional", "${SB_TEST_UNSET_OTHER}");

    private static SmallRyeConfig config(String profile, Map<String, String> extra) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new RequiredDatabaseCredentials())
                .withSources(new PropertiesConfigSource(PROPERTIES, "application.properties", 250))
                .withSources(new PropertiesConfigSource(extra, "environment", 300))
                .withProfile(profile)
                .build();
    }

    @Test
    void aMissingCredentialStopsTheServiceNamingTheVariable() {
        SmallRyeConfig config = config("prod", Map.of());

        assertThatThrownBy(() -> config.getOptionalValue("quarkus.datasource.username", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SB_TEST_UNSET_DATABASE_USER")
                .hasMessageContaining("QUARKUS_DATASOURCE_USERNAME");
        assertThatThrownBy(() -> config.getOptionalValue("quarkus.datasource.password", String.class))
                .hasMessageContaining("SB_TEST_UNSET_DATABASE_PASSWORD");
    }

    @Test
    void setCredentialsAndOtherSettingsPassThrough() {
        SmallRyeConfig config = config("prod", Map.of("SB_TEST_UNSET_DATABASE_USER", "switchboard_routing",
                "quarkus.datasource.password", "secret"));

        assertThat(config.getOptionalValue("quarkus.datasource.username", String.class)).contains("switchboard_routing");
        assertThat(config.getOptionalValue("quarkus.datasource.password", String.class)).contains("secret");
        assertThat(config.getOptionalValue("other.optional", String.class)).isEmpty();
        assertThat(config("dev", Map.of()).getOptionalValue("quarkus.datasource.username", String.class)).contains("postgres");
    }
}
