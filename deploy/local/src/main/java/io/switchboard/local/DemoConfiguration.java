package io.switchboard.local;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ConfigEvent;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.TenantConfigured;

/**
 * The demo center the local platform starts with, until the admin console publishes real
 * configuration: two tenants (a bank and a travel company, sharing one routing domain because
 * some agents serve both), four queues and six agents with mixed skills. Event ids derive from the
 * content, so seeding again changes nothing.
 */
final class DemoConfiguration {

    static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");

    private DemoConfiguration() {
    }

    static List<ConfigEvent> events() {
        List<ConfigEvent> events = new ArrayList<>();
        events.add(tenant("acme-bank", "Acme Bank", "Europe/London", "GB", "general", List.of(
                new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460000", "billing"),
                new TenantConfigured.EntryPoint(Channel.EMAIL, "support@acme-bank.example", "billing"),
                new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"),
                new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460001", "loans"))));
        events.add(tenant("globex-travel", "Globex Travel", "Europe/Madrid", "ES", "bookings", List.of(
                new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"),
                new TenantConfigured.EntryPoint(Channel.EMAIL, "help@globex.example", "bookings"),
                new TenantConfigured.EntryPoint(Channel.VOICE, "+34910000000", "bookings-es"))));
        events.add(queue("acme-bank", "general", "General", Map.of(), 0, null));
        events.add(queue("acme-bank", "billing", "Billing", Map.of("billing", 2), 1, "general"));
        events.add(queue("acme-bank", "loans", "Loans", Map.of("loans", 3), 2, "general"));
        events.add(new QueueConfigured(id("queue:bookings-es"), "globex-travel", SINCE, "bookings-es", "Reservas", Map.of("spanish", 3),
                1, new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.MOST_SKILLED, 0, 20, 300, "bookings",
                List.of(new QueueConfigured.RelaxationStep(60, "spanish", 1)),
                new QueueConfigured.BusinessHours("Europe/Madrid", weekdays(LocalTime.of(8, 0), LocalTime.of(20, 0)),
                        QueueConfigured.BusinessHours.OutsideHours.OVERFLOW), true, true));
        events.add(queue("globex-travel", "bookings", "Bookings", Map.of("travel", 1), 0, null));
        events.add(agent("alice", "Alice Adams", "acme-bank", List.of("acme-bank"), Map.of("billing", 5, "loans", 2)));
        events.add(agent("bob", "Bob Brown", "acme-bank", List.of("acme-bank"), Map.of("billing", 3, "loans", 4)));
        events.add(agent("carol", "Carol Clark", "acme-bank", List.of("acme-bank", "globex-travel"), Map.of("billing", 2, "travel", 3)));
        events.add(agent("dave", "Dave Diaz", "globex-travel", List.of("globex-travel"), Map.of("travel", 4, "spanish", 5)));
        events.add(agent("erin", "Erin Evans", "globex-travel", List.of("globex-travel", "acme-bank"), Map.of("travel", 2, "loans", 3)));
        events.add(agent("frank", "Frank Fox", "globex-travel", List.of("globex-travel"), Map.of("travel", 3, "spanish", 2)));
        return events;
    }

    private static TenantConfigured tenant(String id, String name, String zone, String region, String defaultQueue,
            List<TenantConfigured.EntryPoint> entryPoints) {
        return new TenantConfigured(id("tenant:" + id), id, SINCE, name, zone, region, "demo-center", defaultQueue, entryPoints);
    }

    private static QueueConfigured queue(String tenant, String id, String name, Map<String, Integer> skills, int priority,
            String overflow) {
        return new QueueConfigured(id("queue:" + id), tenant, SINCE, id, name, skills, priority,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, 20,
                overflow == null ? 0 : 600, overflow, List.of(), null, false, true);
    }

    private static AgentConfigured agent(String id, String name, String tenant, List<String> tenants, Map<String, Integer> skills) {
        return new AgentConfigured(id("agent:" + id), tenant, SINCE, id, name, tenants, skills,
                Map.of(Channel.VOICE, 1, Channel.CHAT, 3, Channel.EMAIL, 5, Channel.SMS, 3, Channel.SOCIAL, 3), false, true);
    }

    private static List<QueueConfigured.BusinessHours.Opening> weekdays(LocalTime opens, LocalTime closes) {
        List<QueueConfigured.BusinessHours.Opening> openings = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            openings.add(new QueueConfigured.BusinessHours.Opening(day, opens, closes));
        }
        return openings;
    }

    private static UUID id(String key) {
        return UUID.nameUUIDFromBytes(("demo-v1:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
