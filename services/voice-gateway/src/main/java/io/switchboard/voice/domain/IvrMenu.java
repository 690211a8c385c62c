package io.switchboard.voice.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A DID's menu: its prompt, key to destination, where silence goes (empty: the DID itself) and after
 * how long, and the time branches that bypass the menu (read in {@code zone}).
 */
public record IvrMenu(String prompt, Map<String, Destination> choices, Optional<Destination> onTimeout, Duration timeout,
        List<Branch> branches, ZoneId zone) {

    /** Where a caller goes: an entry point (whose queue routing takes) or, chosen in the tenant's menu, one of its queues. */
    public record Destination(String entryPoint, Optional<String> queueId) {

        public static Destination entryPoint(String entryPoint) {
            return new Destination(entryPoint, Optional.empty());
        }
    }

    /** Calls arriving on one of {@code days} from {@code from} until before {@code until} hear {@code prompt} (if any) and go to {@code to}. */
    public record Branch(Set<DayOfWeek> days, LocalTime from, LocalTime until, Optional<String> prompt, Destination to) {

        boolean holds(ZonedDateTime at) {
            LocalTime time = at.toLocalTime();
            return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until);
        }
    }

    /** The branch taken and its position (1 for the first), as the IVR path records it. */
    public record Taken(int position, Branch branch) {
    }

    public IvrMenu {
        choices = Map.copyOf(choices);
        branches = List.copyOf(branches);
    }

    /** A menu of the gateway's configuration: keys lead to the tenant's entry points, and it has no time branches. */
    public static IvrMenu toEntryPoints(String prompt, Map<String, String> choices, Optional<String> defaultChoice, Duration timeout) {
        return new IvrMenu(prompt, choices.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> Destination.entryPoint(entry.getValue()))), defaultChoice.map(Destination::entryPoint), timeout, List.of(),
                ZoneId.of("UTC"));
    }

    /** The first branch that holds at {@code now} in the menu's zone. */
    public Optional<Taken> branchAt(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).holds(local)) {
                return Optional.of(new Taken(i + 1, branches.get(i)));
            }
        }
        return Optional.empty();
    }

    /** Keys in the order a tenant listed them; the first choice of a key wins. */
    static Map<String, Destination> keys(List<Map.Entry<String, Destination>> choices) {
        Map<String, Destination> keys = new LinkedHashMap<>();
        choices.forEach(choice -> keys.putIfAbsent(choice.getKey(), choice.getValue()));
        return keys;
    }
}
