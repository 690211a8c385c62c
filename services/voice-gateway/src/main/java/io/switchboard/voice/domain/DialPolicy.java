package io.switchboard.voice.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's rules for calls to the public network (toll fraud).
 *
 * @param allowedCountries the regions (ISO 3166 codes, e.g. GB, IE) numbers may be in; empty: only the
 *                         tenant's own default region
 * @param allowPremium     premium-rate and shared-cost numbers may be called
 * @param allowPersonal    personal numbers (follow-me numbers that can forward anywhere) may be called
 */
public record DialPolicy(Optional<Set<String>> allowedCountries, boolean allowPremium, boolean allowPersonal) {

    /** No configuration: the tenant's own country, nothing premium-rate or personal. */
    public static final DialPolicy DEFAULT = new DialPolicy(Optional.empty(), false, false);

    public DialPolicy {
        allowedCountries = allowedCountries.map(regions -> regions.stream().map(region -> region.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }
}
