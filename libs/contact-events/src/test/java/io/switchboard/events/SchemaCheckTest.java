package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.codec.EventJson;
import io.switchboard.events.schema.PublishedSchemas;
import io.switchboard.events.schema.SchemaCheck;

class SchemaCheckTest {

    private final SchemaCheck check = new SchemaCheck();

    @Test
    void everySampleFitsItsPublishedSchema() {
        Samples.all().forEach((type, event) -> assertThat(check.check(EventCodec.encode(event, URI.create("/test"))))
                .as(type.type()).isEqualTo(new SchemaCheck.Fits(type.type())));
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        ObjectNode event = contactCreated();
        ((ObjectNode) event.get("data")).remove("priority");

        assertThat(check.check(bytes(event))).isInstanceOfSatisfying(SchemaCheck.Violation.class, violation -> {
            assertThat(violation.inEnvelope()).isFalse();
            assertThat(violation.field()).isEqualTo("priority");
        });
    }

    @Test
    void aValueOfTheWrongTypeOrOutsideItsEnumIsNamedByItsPath() throws IOException {
        ObjectNode wrongType = contactCreated();
        ((ObjectNode) wrongType.get("data")).put("priority", "high");
        ObjectNode wrongKind = contactCreated();
        ((ObjectNode) wrongKind.get("data").get("from")).put("kind", "PIGEON");

        assertThat(((SchemaCheck.Violation) check.check(bytes(wrongType))).field()).isEqualTo("priority");
        assertThat(((SchemaCheck.Violation) check.check(bytes(wrongKind))).field()).isEqualTo("from.kind");
    }

    @Test
    void aFieldRequiredOnlyWithAnotherFieldsValueIsNotRequiredByTheSchema() {
        // A customer's typing names no agent; only an agent's does (@RequiredWhen), which the record itself checks.
        ContactTyping customer = new ContactTyping(Samples.id(90), Samples.TENANT, Samples.AT, "c-1", Channel.CHAT,
                ContactTyping.Party.CUSTOMER, null);

        assertThat(check.check(EventCodec.encode(customer, URI.create("/test")))).isInstanceOf(SchemaCheck.Fits.class);
    }

    @Test
    void aBrokenEnvelopeIsTheEnvelopesFault() throws IOException {
        ObjectNode noTenant = contactCreated();
        noTenant.remove("tenantid");

        assertThat(check.check(bytes(noTenant))).isInstanceOfSatisfying(SchemaCheck.Violation.class, violation -> {
            assertThat(violation.inEnvelope()).isTrue();
            assertThat(violation.field()).isEqualTo("tenantid");
        });
        assertThat(check.check("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SchemaCheck.Violation.class, violation -> assertThat(violation.inEnvelope()).isTrue());
        assertThat(check.check("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SchemaCheck.Violation.class);
    }

    @Test
    void aTypeWithoutAPublishedSchemaIsLeftToTheCodec() throws IOException {
        ObjectNode v2 = contactCreated();
        v2.put("type", "io.switchboard.contact.created.v2");

        assertThat(check.check(bytes(v2))).isEqualTo(new SchemaCheck.NoSchema("io.switchboard.contact.created.v2"));
    }

    @Test
    void theJarCarriesEveryTypesSchemaAndTheAsyncApiDocument() {
        assertThat(PublishedSchemas.types()).hasSize(EventType.values().length);
        assertThat(PublishedSchemas.schema("io.switchboard.contact.created.v1")).get().asString().contains("\"priority\"");
        assertThat(PublishedSchemas.schema(PublishedSchemas.ENVELOPE)).isPresent();
        assertThat(PublishedSchemas.schema("../pom.xml")).isEmpty();
        assertThat(PublishedSchemas.asyncApi()).contains("asyncapi:");
    }

    private static ObjectNode contactCreated() throws IOException {
        return (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_CREATED), URI.create("/test")));
    }

    private static byte[] bytes(ObjectNode event) throws IOException {
        return EventJson.mapper().writeValueAsBytes(event);
    }
}
