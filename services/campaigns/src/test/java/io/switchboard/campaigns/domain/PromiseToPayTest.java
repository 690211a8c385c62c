package io.switchboard.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PromiseToPayTest {

    @Test
    void readsTheAgreedShape() {
        assertThat(PromiseToPay.parse("amount=120.50 date=2026-12-20"))
                .contains(new PromiseToPay(new BigDecimal("120.50"), LocalDate.of(2026, 12, 20)));
    }

    @Test
    void readsWhatAgentsActuallyType() {
        assertThat(PromiseToPay.parse("Customer agreed. Date: 20/12/2026; Amount: €1,200.50 by card"))
                .contains(new PromiseToPay(new BigDecimal("1200.50"), LocalDate.of(2026, 12, 20)));
        assertThat(PromiseToPay.parse("AMOUNT = 99,90 DATE=20.12.2026"))
                .contains(new PromiseToPay(new BigDecimal("99.90"), LocalDate.of(2026, 12, 20)));
        assertThat(PromiseToPay.parse("amount=1.200,50")).contains(new PromiseToPay(new BigDecimal("1200.50"), null));
        assertThat(PromiseToPay.parse("date=2026-12-24 will call back")).contains(new PromiseToPay(null, LocalDate.of(2026, 12, 24)));
    }

    @Test
    void leavesOutWhatCannotBeRead() {
        assertThat(PromiseToPay.parse("amount=lots date=someday")).isEmpty();
        assertThat(PromiseToPay.parse("promised to pay next week")).isEmpty();
        assertThat(PromiseToPay.parse(null)).isEmpty();
        assertThat(PromiseToPay.parse("amount=12.345 date=2026-02-30")).isEmpty();
    }
}
