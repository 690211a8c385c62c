package io.switchboard.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ComplianceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theWindowIsTheCalleesLocalTime() {
        // New York (+1 212): 12:00 UTC in December is 07:00 there, too early; 14:00 UTC is 09:00.
        assertThat(CallingWindow.DEFAULT.allows("+12125550143", Instant.parse("2026-12-07T12:00:00Z"), LONDON)).isFalse();
        assertThat(CallingWindow.DEFAULT.allows("+12125550143", Instant.parse("2026-12-07T14:00:00Z"), LONDON)).isTrue();
        // 02:30 UTC is 21:30 in New York: too late. A London mobile at 20:59 UTC (GMT) is still fine.
        assertThat(CallingWindow.DEFAULT.allows("+12125550143", Instant.parse("2026-12-08T02:30:00Z"), LONDON)).isFalse();
        assertThat(CallingWindow.DEFAULT.allows("+447400123456", Instant.parse("2026-12-07T20:59:00Z"), LONDON)).isTrue();
        assertThat(CallingWindow.DEFAULT.allows("+447400123456", Instant.parse("2026-12-07T21:00:00Z"), LONDON)).isFalse();
    }

    @Test
    void aNumberSpanningZonesIsCalledOnlyWhenTheWindowIsOpenInAllOfThem() {
        // A Moscow mobile prefix (+7 916) may be ported anywhere in Russia: the data gives zones from
        // Europe/Bucharest (UTC+2 in December) to Asia/Anadyr (UTC+12). 8:00–21:00 in all of them is
        // 06:00–09:00 UTC (Bucharest opens at 06:00, Anadyr closes at 09:00).
        assertThat(CallingWindow.zonesOf("+79161234567")).contains(ZoneId.of("Europe/Bucharest"), ZoneId.of("Asia/Anadyr"));
        java.util.List<Integer> open = new java.util.ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            if (CallingWindow.DEFAULT.allows("+79161234567", Instant.parse("2026-12-07T00:00:00Z").plusSeconds(hour * 3600L), LONDON)) {
                open.add(hour);
            }
        }
        assertThat(open).containsExactly(6, 7, 8);
        assertThat(CallingWindow.zonesOf("+12125550143")).containsExactly(ZoneId.of("America/New_York"));
        assertThatThrownBy(() -> new CallingWindow(LocalTime.of(21, 0), LocalTime.of(8, 0))).hasMessageContaining("opens before");
    }

    @Test
    void retriesFollowTheOutcomeAndTheDailyCeiling() {
        assertThat(RetryRules.DEFAULT.next(CallOutcome.BUSY, 1, 1)).contains(Duration.ofMinutes(10));
        assertThat(RetryRules.DEFAULT.next(CallOutcome.BUSY, 3, 3)).isEmpty();
        assertThat(RetryRules.DEFAULT.next(CallOutcome.NO_ANSWER, 2, 3)).as("three today already").contains(Duration.ofDays(1));
        assertThat(RetryRules.DEFAULT.next(CallOutcome.CONNECTED, 1, 1)).isEmpty();
        assertThat(RetryRules.DEFAULT.next(CallOutcome.FAILED, 1, 1)).isEmpty();
        assertThat(RetryRules.DEFAULT.next(CallOutcome.MACHINE, 1, 1)).contains(Duration.ofHours(4));
    }

    @Test
    void aListKeepsGoodRowsInE164AndReportsTheOthersByLine() throws Exception {
        String csv = """
                Name,Phone,Balance
                Jane Doe,07400 123456,120.50
                John Roe,+44 20 7946 0000,80.00
                Bad Number,12345,1.00
                Jane Again,+447400123456,5.00
                No Number,,0
                "Smith, Ann",0161 496 0000,"1,200.00"
                """;
        ContactList.Parsed list = ContactList.parse(new StringReader(csv), "GB");
        assertThat(list.entries()).extracting(ContactList.Entry::phone).containsExactly("+447400123456", "+442079460000", "+441614960000");
        assertThat(list.entries().get(2).fields()).containsEntry("Name", "Smith, Ann").containsEntry("Balance", "1,200.00");
        assertThat(list.rejected()).extracting(ContactList.Rejected::line).containsExactly(4L, 5L, 6L);
        assertThat(list.rejected().get(1).reason()).contains("already on the list");
        assertThatThrownBy(() -> ContactList.parse(new StringReader("name,number\nA,1\n"), "GB")).hasMessageContaining("'phone' column");
    }
}
