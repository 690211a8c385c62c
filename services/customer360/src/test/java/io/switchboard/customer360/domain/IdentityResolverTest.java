package io.switchboard.customer360.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.address.Address;

class IdentityResolverTest {

    private static final UUID NEW = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final Address PHONE = Address.phone("+447911123456", null);
    private static final Address EMAIL = Address.email("jane@example.com");
    private static final Address VISITOR = Address.chatVisitor("visitor-9");

    private final IdentityResolver resolver = new IdentityResolver(() -> NEW);

    private static ContactEvidence contact(Evidence... identifiers) {
        return new ContactEvidence("acme-bank", "c1", List.of(identifiers), null, null);
    }

    @Test
    void unknownIdentifiersMakeANewCustomerOwningThemAll() {
        Resolution r = resolver.resolve(contact(new Evidence(PHONE, true), new Evidence(EMAIL, false)), Map.of());
        assertThat(r.created()).isTrue();
        assertThat(r.customerId()).isEqualTo(NEW);
        assertThat(r.attach()).extracting(Evidence::address).containsExactly(PHONE, EMAIL);
        assertThat(r.merges()).isEmpty();
    }

    @Test
    void aKnownIdentifierAttachesTheContactAndItsNewIdentifiers() {
        Resolution r = resolver.resolve(contact(new Evidence(PHONE, true), new Evidence(EMAIL, false)),
                Map.of(PHONE, new Owner(A, A, true)));
        assertThat(r.created()).isFalse();
        assertThat(r.customerId()).isEqualTo(A);
        assertThat(r.attach()).extracting(Evidence::address).containsExactly(EMAIL);
    }

    @Test
    void twoStrongIdentifiersOfTwoCustomersMergeThem() {
        Resolution r = resolver.resolve(contact(new Evidence(PHONE, true), new Evidence(EMAIL, true)),
                Map.of(PHONE, new Owner(A, A, true), EMAIL, new Owner(B, B, false)));
        assertThat(r.merges()).containsExactly(new Resolution.Merge(A, B, PHONE, EMAIL));
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.customerId()).isEqualTo(A);
    }

    @Test
    void aWeakLinkOnEitherSideOnlySuggests() {
        Resolution weakEmail = resolver.resolve(contact(new Evidence(PHONE, true), new Evidence(EMAIL, false)),
                Map.of(PHONE, new Owner(A, A, true), EMAIL, new Owner(B, B, true)));
        assertThat(weakEmail.merges()).isEmpty();
        assertThat(weakEmail.suggestions()).containsExactly(new Resolution.Suggestion(A, B, PHONE, EMAIL));

        Resolution weakVisitor = resolver.resolve(contact(new Evidence(VISITOR, false), new Evidence(EMAIL, true)),
                Map.of(VISITOR, new Owner(A, A, false), EMAIL, new Owner(B, B, true)));
        assertThat(weakVisitor.merges()).isEmpty();
        assertThat(weakVisitor.suggestions()).containsExactly(new Resolution.Suggestion(A, B, VISITOR, EMAIL));
        assertThat(weakVisitor.customerId()).as("the sender's customer keeps the contact").isEqualTo(A);
    }

    @Test
    void identifiersOfOneMergedGroupNeitherMergeNorSuggest() {
        Resolution r = resolver.resolve(contact(new Evidence(PHONE, true), new Evidence(EMAIL, false)),
                Map.of(PHONE, new Owner(B, A, true), EMAIL, new Owner(A, A, false)));
        assertThat(r.merges()).isEmpty();
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.customerId()).as("the member that holds the sender's number").isEqualTo(B);
        assertThat(r.rootId()).isEqualTo(A);
    }
}
