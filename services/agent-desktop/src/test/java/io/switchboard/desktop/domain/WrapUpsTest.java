package io.switchboard.desktop.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.events.QueueConfigured.Disposition;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.WrapUpCompleted;

/** The wrap-up rules alone, through the domain's ports: no database, broker or HTTP. */
class WrapUpsTest {

    private static final Viewer ALICE = new Viewer("alice", "Alice", Set.of("acme-bank"), Set.of("agent"));
    private static final Viewer SAM = new Viewer("sam", "Sam", Set.of("acme-bank"), Set.of("supervisor"));
    private static final Viewer DAVE = new Viewer("dave", "Dave", Set.of("globex-travel"), Set.of("agent"));
    private static final DesktopSettings SETTINGS = new DesktopSettings(Duration.ofSeconds(10), List.of("resolved"));

    private final List<String> calls = new ArrayList<>();
    private final List<SwitchboardEvent> published = new ArrayList<>();
    private ContactStatus status = ContactStatus.ENDED;
    private boolean claimFree = true;

    @Test
    void aWrapUpIsClaimedPublishedAndRecorded() {
        WrapUp done = wrapUps(event -> published.add(event)).complete(ALICE, "c1", "CALLBACK", "  call at 5  ");
        assertThat(done.dispositionLabel()).isEqualTo("Call back");
        assertThat(done.notes()).isEqualTo("call at 5");
        assertThat(calls).containsSubsequence("claimWrapUp", "wrapUpCompleted");
        WrapUpCompleted event = (WrapUpCompleted) published.get(0);
        assertThat(event.queueId()).isEqualTo("cards");
        assertThat(event.dispositionCode()).isEqualTo("CALLBACK");
    }

    @Test
    void aWrapUpTheBrokerDidNotTakeGivesItsClaimUpSoTheAgentCanTryAgain() {
        WrapUps wrapUps = wrapUps(event -> {
            throw new IllegalStateException("broker down");
        });
        assertThatThrownBy(() -> wrapUps.complete(ALICE, "c1", "RESOLVED", null)).hasMessage("broker down");
        assertThat(calls).containsSubsequence("claimWrapUp", "releaseWrapUp").doesNotContain("wrapUpCompleted");
    }

    @Test
    void theCodeIsCheckedAgainstTheQueuesList() {
        WrapUps wrapUps = wrapUps(published::add);
        assertThatThrownBy(() -> wrapUps.complete(ALICE, "c1", " ", null)).isInstanceOfSatisfying(DesktopException.Invalid.class,
                invalid -> assertThat(invalid.field()).isEqualTo("dispositionCode"));
        assertThatThrownBy(() -> wrapUps.complete(ALICE, "c1", "SOLD", null)).isInstanceOf(DesktopException.Invalid.class)
                .hasMessageContaining("[RESOLVED, CALLBACK]");
        assertThat(published).isEmpty();
    }

    @Test
    void onlyTheAgentWhoHeldItWrapsItUpOnceAfterItEnded() {
        WrapUps wrapUps = wrapUps(published::add);
        assertThatThrownBy(() -> wrapUps.complete(SAM, "c1", "RESOLVED", null)).isInstanceOf(DesktopException.Forbidden.class);
        assertThatThrownBy(() -> wrapUps.complete(DAVE, "c1", "RESOLVED", null)).isInstanceOf(DesktopException.NotFound.class);
        claimFree = false;
        assertThatThrownBy(() -> wrapUps.complete(ALICE, "c1", "RESOLVED", null)).isInstanceOf(DesktopException.Conflict.class);
        assertThat(published).isEmpty();
    }

    private WrapUps wrapUps(CommandBusStub bus) {
        return new WrapUps(store(), (event, timeout) -> bus.publish(event), SETTINGS);
    }

    private interface CommandBusStub {
        void publish(SwitchboardEvent event);
    }

    /** A read model with one contact, c1 of queue cards in acme-bank, held by alice. */
    private InboxStore store() {
        ContactSummary contact = new ContactSummary("c1", "acme-bank", "CHAT", "INBOUND", null, "Jane", "cards", status, "alice", null,
                null, null, Instant.now(), Instant.now(), null, null, 0, null, "CUSTOMER_LEFT", null);
        QueueSettings cards = new QueueSettings("acme-bank", "cards", "Cards", 30,
                List.of(new Disposition("RESOLVED", "Resolved"), new Disposition("CALLBACK", "Call back")), List.of());
        return (InboxStore) Proxy.newProxyInstance(InboxStore.class.getClassLoader(), new Class<?>[] {InboxStore.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "contact" -> Optional.of(contact);
                        case "wrapUpAgent" -> Optional.of("alice");
                        case "wrapUp" -> Optional.empty();
                        case "queueSettings" -> Optional.of(cards);
                        case "claimWrapUp" -> claimFree;
                        case "releaseWrapUp", "wrapUpCompleted" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
