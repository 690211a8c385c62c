package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The dial plan with the real libphonenumber metadata: each kind of number, the defaults and a tenant's overrides. */
class DialPlanTest {

    private static final String TENANT = "acme-bank";
    private static final Map<String, String> REGIONS = Map.of(TENANT, "GB", "us-shop", "US");

    private static DialPlan plan(Map<String, DialPolicy> policies) {
        return new DialPlan(tenant -> Optional.ofNullable(REGIONS.get(tenant)), policies);
    }

    private final DialPlan defaults = plan(Map.of());

    @Test
    void numbersInTheTenantsOwnCountryAreAllowed() {
        assertThat(defaults.check(TENANT, "+447400123456")).as("mobile").isEmpty();
        assertThat(defaults.check(TENANT, "+442079460123")).as("fixed line").isEmpty();
        assertThat(defaults.check(TENANT, "07400123456")).as("national, read in the tenant's region").isEmpty();
        assertThat(defaults.check(TENANT, "08001234567")).as("freephone").isEmpty();
    }

    @Test
    void otherCountriesAreRefusedByDefault() {
        assertThat(defaults.check(TENANT, "+33612345678")).contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
        assertThat(defaults.check(TENANT, "0033612345678")).as("international prefix").contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
        assertThat(defaults.check(TENANT, "+881612345678")).as("satellite").contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
    }

    @Test
    void theSameCountryCodeInAnotherRegionIsAnotherCountry() {
        assertThat(defaults.check("us-shop", "+12025550123")).isEmpty();
        assertThat(defaults.check("us-shop", "+18765550123")).as("Jamaica shares +1").contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
    }

    @Test
    void premiumRateAndSharedCostNumbersAreRefusedByDefault() {
        assertThat(defaults.check(TENANT, "09065550123")).contains(DialRefusal.Reason.PREMIUM_RATE);
        assertThat(defaults.check(TENANT, "+448712345678")).contains(DialRefusal.Reason.PREMIUM_RATE);
        assertThat(defaults.check(TENANT, "08443351000")).as("GB 084 is classed premium by libphonenumber").contains(DialRefusal.Reason.PREMIUM_RATE);
    }

    @Test
    void sharedCostNumbersAreRefusedByDefault() {
        // Shared-cost numbers: Germany 0180x (a tenant that allows DE).
        DialPlan germany = plan(Map.of(TENANT, new DialPolicy(Optional.of(Set.of("DE")), false, false)));
        assertThat(germany.check(TENANT, "+4918012345678")).contains(DialRefusal.Reason.PREMIUM_RATE);
    }

    @Test
    void personalNumbersAreRefusedByDefault() {
        assertThat(defaults.check(TENANT, "07012345678")).contains(DialRefusal.Reason.PERSONAL_NUMBER);
    }

    @Test
    void shortCodesAreRefused() {
        assertThat(defaults.check(TENANT, "118118")).as("directory enquiries").contains(DialRefusal.Reason.SHORT_CODE);
        assertThat(defaults.check(TENANT, "999")).as("emergency: never through the center's trunk").contains(DialRefusal.Reason.SHORT_CODE);
    }

    @Test
    void anythingThatIsNotAValidNumberIsRefused() {
        assertThat(defaults.check(TENANT, "+4420794600")).as("too short").contains(DialRefusal.Reason.INVALID_NUMBER);
        assertThat(defaults.check(TENANT, "+441632960000")).as("not allocated").contains(DialRefusal.Reason.INVALID_NUMBER);
        assertThat(defaults.check(TENANT, "billing")).contains(DialRefusal.Reason.INVALID_NUMBER);
        assertThat(defaults.check(TENANT, "")).contains(DialRefusal.Reason.INVALID_NUMBER);
    }

    @Test
    void aTenantWithoutAKnownRegionCallsNowhereUntilItNamesCountries() {
        assertThat(defaults.check("globex", "+447400123456")).contains(DialRefusal.Reason.NO_TENANT_REGION);
        DialPlan named = plan(Map.of("globex", new DialPolicy(Optional.of(Set.of("GB")), false, false)));
        assertThat(named.check("globex", "+447400123456")).isEmpty();
        assertThat(named.check("globex", "07400123456")).as("no region to read a national number in").contains(DialRefusal.Reason.INVALID_NUMBER);
    }

    @Test
    void aTenantsAllowedCountriesReplaceItsOwn() {
        DialPlan islands = plan(Map.of(TENANT, new DialPolicy(Optional.of(Set.of("ie", " FR")), false, false)));
        assertThat(islands.check(TENANT, "+353861234567")).isEmpty();
        assertThat(islands.check(TENANT, "+33612345678")).isEmpty();
        assertThat(islands.check(TENANT, "+447400123456")).as("not named, so no longer allowed").contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
        assertThat(defaults.check("us-shop", "+353861234567")).as("another tenant keeps the defaults")
                .contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
    }

    @Test
    void aTenantMayAllowPremiumRateAndPersonalNumbers() {
        DialPlan open = plan(Map.of(TENANT, new DialPolicy(Optional.empty(), true, true)));
        assertThat(open.check(TENANT, "09065550123")).isEmpty();
        assertThat(open.check(TENANT, "07012345678")).isEmpty();
        assertThat(open.check(TENANT, "118118")).as("short codes stay refused").contains(DialRefusal.Reason.SHORT_CODE);
        assertThat(open.check(TENANT, "+33612345678")).as("and other countries").contains(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
    }

    @Test
    void theAuditHidesTheSubscriberDigitsOfAFullNumberOnly() {
        assertThat(new DialRefusal(TENANT, "alice", "c", "+449065550123", DialRefusal.Reason.PREMIUM_RATE).maskedNumber())
                .isEqualTo("+44906555****");
        assertThat(new DialRefusal(TENANT, "alice", "c", "118118", DialRefusal.Reason.SHORT_CODE).maskedNumber()).isEqualTo("118118");
        assertThat(DialRefusal.Reason.COUNTRY_NOT_ALLOWED.label()).isEqualTo("country-not-allowed");
    }
}
