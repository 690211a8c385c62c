package io.switchboard.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What the producer was told about each record, set against what the audit found on the topic. */
record DeliveryAccount(int sent, int acknowledged, int failed, String firstFailure, long recordsRead, int distinctIdsFound,
        int acknowledgedFound, int lost, List<Integer> firstLost, long duplicates, long foundUnacknowledged,
        long foundNeverSent, long unreadable, Map<Integer, Long> endOffsets) {

    static DeliveryAccount of(SendLedger ledger, TopicAudit.Result audit) {
        Set<Integer> acknowledged = IntStream.range(0, ledger.sent()).filter(ledger::acknowledged).boxed()
                .collect(Collectors.toSet());
        List<Integer> lost = acknowledged.stream().filter(id -> audit.copies(id) == 0).sorted().toList();
        long foundUnacknowledged = audit.copiesById().keySet().stream().filter(id -> !acknowledged.contains(id)).count();
        long foundNeverSent = audit.copiesById().keySet().stream().filter(id -> id < 0 || id >= ledger.sent()).count();
        return new DeliveryAccount(ledger.sent(), acknowledged.size(), ledger.failedCount(), ledger.firstError(),
                audit.records(), audit.copiesById().size(), acknowledged.size() - lost.size(), lost.size(),
                lost.stream().limit(20).toList(), audit.duplicates(), foundUnacknowledged, foundNeverSent, audit.unreadable(),
                new TreeMap<>(audit.endOffsets()));
    }
}
