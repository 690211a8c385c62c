package io.switchboard.customer360.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.address.Address;

class BatchPlannerTest {

    private static final BatchPlanner.Known NOTHING = new BatchPlanner.Known() {
        @Override
        public Optional<Owner> owner(String tenantId, Address address) {
            return Optional.empty();
        }

        @Override
        public Optional<ContactLink> link(String contactId) {
            return Optional.empty();
        }

        @Override
        public ContactEvidence evidence(ContactCreated contact) {
            return EvidenceReader.read(contact, "GB");
        }
    };

    private final BatchPlanner planner = new BatchPlanner(UUID::randomUUID);

    @Test
    void laterContactsOfABatchSeeTheCustomersEarlierOnesMade() {
        Address phone = Address.phone("+447911123456", null);
        ContactCreated sms = Contacts.created(Channel.SMS, phone, Map.of());
        ContactCreated call = Contacts.created(Channel.VOICE, phone, Map.of());
        BatchPlan plan = planner.plan(List.of(sms, call), NOTHING);
        assertThat(plan.customers).hasSize(1);
        assertThat(plan.identities).hasSize(1);
        assertThat(plan.links).extracting(ContactLink::customerId).containsOnly(plan.customers.get(0).id());
    }

    @Test
    void aVerifiedEmailOnAnSmsCustomersContactMergesInTheSameBatch() {
        Address phone = Address.phone("+447911123456", null);
        Address email = Address.email("jane@example.com");
        ContactCreated sms = Contacts.created(Channel.SMS, phone, Map.of());
        ContactCreated mail = Contacts.created(Channel.EMAIL, email, Map.of("email.verified", "true"));
        ContactCreated both = Contacts.created(Channel.SMS, phone, Map.of("email", "Jane@Example.com", "email.verified", "true"));
        BatchPlan plan = planner.plan(List.of(sms, mail, both), NOTHING);
        assertThat(plan.customers).hasSize(2);
        assertThat(plan.merges).hasSize(1);
        UUID survivor = plan.merges.get(0).survivorId();
        assertThat(survivor).isEqualTo(plan.customers.get(0).id());
        assertThat(plan.touchedRoots).as("the merge's snapshot continues the trace of the contact that merged")
                .containsExactly(entry(survivor, both.eventId()));
        assertThat(plan.merges.get(0).inputId()).isEqualTo(both.eventId());
    }

    @Test
    void theLastInputToChangeACustomerNamesItsOneSnapshot() {
        Address phone = Address.phone("+447911123456", null);
        ContactCreated sms = Contacts.created(Channel.SMS, phone, Map.of());
        ContactCreated call = Contacts.created(Channel.VOICE, phone, Map.of());
        ContactCreated chat = Contacts.created(Channel.CHAT, Address.chatVisitor("v-2"), Map.of("phone", "+447911123456"));
        BatchPlan plan = planner.plan(List.of(sms, call, chat), NOTHING);
        UUID customer = plan.customers.get(0).id();
        // The call adds nothing to the customer; the chat adds its visitor id.
        assertThat(plan.touchedRoots).containsExactly(entry(customer, chat.eventId()));
    }

    @Test
    void aRoutingEventForAContactOfTheBatchJoinsItsCustomer() {
        ContactCreated chat = Contacts.created(Channel.CHAT, Address.chatVisitor("v-1"), Map.of());
        ContactAssigned assigned = new ContactAssigned(UUID.randomUUID(), Contacts.TENANT, Instant.now(),
                chat.contactId(), Channel.CHAT, "general", "alice", "offer-1");
        BatchPlan plan = planner.plan(List.of(chat, assigned), NOTHING);
        assertThat(plan.entries).hasSize(2);
        assertThat(plan.entries).extracting(BatchPlan.PlannedEntry::customerId).containsOnly(plan.customers.get(0).id());
        assertThat(plan.processedEventIds).containsExactly(chat.eventId(), assigned.eventId());
    }

    @Test
    void aRoutingEventThatOvertookItsContactWaitsUnlinked() {
        ContactAssigned assigned = new ContactAssigned(UUID.randomUUID(), Contacts.TENANT, Instant.now(), "c-unknown",
                Channel.CHAT, "general", "alice", "offer-1");
        BatchPlan plan = planner.plan(List.of(assigned), NOTHING);
        assertThat(plan.entries).singleElement().satisfies(e -> assertThat(e.customerId()).isNull());
        assertThat(plan.customers).isEmpty();
    }
}
