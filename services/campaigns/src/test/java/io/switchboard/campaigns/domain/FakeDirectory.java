package io.switchboard.campaigns.domain;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** acme-bank in London with one DID, a sales queue offering PROMISE_TO_PAY, a support queue without, one prompt. */
final class FakeDirectory implements Directory {

    @Override
    public Optional<Tenant> tenant(String tenantId) {
        return tenantId.equals("acme-bank") ? Optional.of(new Tenant("acme-bank", ZoneId.of("Europe/London"), "GB", Set.of("+442079460000")))
                : Optional.empty();
    }

    @Override
    public Optional<Queue> queue(String tenantId, String queueId) {
        return switch (queueId) {
            case "sales" -> Optional.of(new Queue(tenantId, "sales", Map.of("sales", 1), Set.of("SALE", "PROMISE_TO_PAY")));
            case "support" -> Optional.of(new Queue(tenantId, "support", Map.of(), Set.of("RESOLVED")));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean hasPrompt(String tenantId, String name) {
        return name.equals("q1");
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.empty();
    }
}
