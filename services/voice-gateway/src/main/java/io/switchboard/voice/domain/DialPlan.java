package io.switchboard.voice.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * Which numbers a tenant's calls may go to on the public network (an agent's own call, a transfer out).
 * A number is read in the tenant's default region, as agent-desktop's click-to-call reads it, and must be
 * a valid full number in an allowed country and of an allowed kind; everything else is refused.
 * Countries are compared by region, not by country calling code: +1 is also the Caribbean, the classic
 * toll-fraud destination, so a US tenant does not reach Jamaica unless it says so.
 */
public final class DialPlan {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final ShortNumberInfo SHORT_NUMBERS = ShortNumberInfo.getInstance();
    private static final Set<PhoneNumberType> PREMIUM = Set.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST);

    private final Function<String, Optional<String>> regions;
    private final Map<String, DialPolicy> policies;

    /**
     * @param regions  a tenant's default region (from its configuration)
     * @param policies tenants' own rules; a tenant not named here has {@link DialPolicy#DEFAULT}
     */
    public DialPlan(Function<String, Optional<String>> regions, Map<String, DialPolicy> policies) {
        this.regions = regions;
        this.policies = Map.copyOf(policies);
    }

    /** Empty when {@code number} may be called for {@code tenantId}, else why not. */
    public Optional<DialRefusal.Reason> check(String tenantId, String number) {
        DialPolicy policy = policies.getOrDefault(tenantId, DialPolicy.DEFAULT);
        Optional<String> home = regions.apply(tenantId);
        if (home.isEmpty() && policy.allowedCountries().isEmpty()) {
            return Optional.of(DialRefusal.Reason.NO_TENANT_REGION);
        }
        String region = home.orElse("ZZ");
        PhoneNumber parsed;
        try {
            parsed = PHONES.parse(number, region);
        } catch (NumberParseException notANumber) {
            return Optional.of(DialRefusal.Reason.INVALID_NUMBER);
        }
        if (!PHONES.isValidNumber(parsed)) {
            return Optional.of(SHORT_NUMBERS.isValidShortNumberForRegion(parsed, region) && home.isPresent()
                    ? DialRefusal.Reason.SHORT_CODE : DialRefusal.Reason.INVALID_NUMBER);
        }
        Set<String> allowed = policy.allowedCountries().orElseGet(() -> Set.of(home.orElseThrow()));
        if (!allowed.contains(PHONES.getRegionCodeForNumber(parsed))) {
            return Optional.of(DialRefusal.Reason.COUNTRY_NOT_ALLOWED);
        }
        PhoneNumberType type = PHONES.getNumberType(parsed);
        if (PREMIUM.contains(type) && !policy.allowPremium()) {
            return Optional.of(DialRefusal.Reason.PREMIUM_RATE);
        }
        if (type == PhoneNumberType.PERSONAL_NUMBER && !policy.allowPersonal()) {
            return Optional.of(DialRefusal.Reason.PERSONAL_NUMBER);
        }
        return Optional.empty();
    }
}
