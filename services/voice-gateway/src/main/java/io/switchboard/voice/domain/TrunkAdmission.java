package io.switchboard.voice.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which trunk an INVITE's source address is, and how it must prove it. A trunk with a digest account
 * is challenged from the addresses it is configured with, or (a registering trunk) from the address
 * of its current registration; the other trunk addresses are admitted by address alone.
 */
public final class TrunkAdmission {

    /** A trunk that authenticates: its digest account, its source addresses (none: it registers), the algorithms offered. */
    public record Account(String username, String password, List<String> addresses, List<DigestAuth.Algorithm> algorithms) {
    }

    /** How an INVITE from a source is admitted: by address, by the account's digest, or not at all. */
    public record Admission(Kind kind, Account account) {
        public enum Kind { BY_ADDRESS, DIGEST, REFUSED }
    }

    private record Registration(String source, Instant until) {
    }

    private final List<String> trunkAddresses;
    private final Map<String, Account> accounts;
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    public TrunkAdmission(List<String> trunkAddresses, List<Account> accounts) {
        this.trunkAddresses = List.copyOf(trunkAddresses);
        this.accounts = accounts.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Account::username, account -> account));
    }

    public Admission invite(String source, Instant now) {
        for (Account account : accounts.values()) {
            Registration registration = registrations.get(account.username());
            if (account.addresses().contains(source)
                    || registration != null && registration.source().equals(source) && registration.until().isAfter(now)) {
                return new Admission(Admission.Kind.DIGEST, account);
            }
        }
        return trunkAddresses.contains(source) ? new Admission(Admission.Kind.BY_ADDRESS, null) : new Admission(Admission.Kind.REFUSED, null);
    }

    /** The trunk account a REGISTER's user names, if it is one. */
    public Optional<Account> account(String username) {
        return Optional.ofNullable(username).map(accounts::get);
    }

    /** A trunk registered (after digest) from {@code source} until {@code until}; an {@code until} in the past unregisters it. */
    public void registered(Account account, String source, Instant until, Instant now) {
        if (until.isAfter(now)) {
            registrations.put(account.username(), new Registration(source, until));
        } else {
            registrations.remove(account.username());
        }
    }
}
