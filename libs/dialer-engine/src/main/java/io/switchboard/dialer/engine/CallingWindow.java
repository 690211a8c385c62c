package io.switchboard.dialer.engine;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * When a number may be called: between {@code from} and {@code until} in the callee's local time
 * (8:00 to 21:00 by default, the TCPA's hours). The callee's time zones come from the number
 * (libphonenumber's geocoding data); a number whose prefix spans several zones (a country or area
 * code over more than one) may be called only while the window is open in every one of them, and a
 * number with no known zone only in the campaign's fallback zone.
 */
public final class CallingWindow {

    public static final CallingWindow DEFAULT = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private final LocalTime from;
    private final LocalTime until;

    public CallingWindow(LocalTime from, LocalTime until) {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a calling window opens before it closes: " + from + "–" + until);
        }
        this.from = from;
        this.until = until;
    }

    /** The callee's time zones, from an E.164 number; empty when the data knows none. */
    public static List<ZoneId> zonesOf(String e164) {
        PhoneNumber number;
        try {
            number = NUMBERS.parse(e164, null);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not an E.164 number: " + e164, e);
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String id : ZONES.getTimeZonesForNumber(number)) {
            if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                try {
                    zones.add(ZoneId.of(id));
                } catch (DateTimeException unknownToTheJdk) {
                    // A zone the JDK's tz data does not have cannot be checked; it does not widen the window.
                }
            }
        }
        return zones;
    }

    /** Whether {@code e164} may be called at {@code now}; {@code fallback} is used when the number names no zone. */
    public boolean allows(String e164, Instant now, ZoneId fallback) {
        List<ZoneId> zones = zonesOf(e164);
        if (zones.isEmpty()) {
            zones = List.of(fallback);
        }
        for (ZoneId zone : zones) {
            LocalTime local = now.atZone(zone).toLocalTime();
            if (local.isBefore(from) || !local.isBefore(until)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s–%s in the callee's time", from, until);
    }
}
