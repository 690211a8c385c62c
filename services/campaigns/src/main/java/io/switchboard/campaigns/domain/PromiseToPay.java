package io.switchboard.campaigns.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A promise to pay as an agent writes it in the wrap-up notes, "amount=120.50 date=2026-12-20", read leniently:
 * either order, ':' for '=', any case, a currency sign or thousands separators in the amount, a comma as the
 * decimal mark, and dates as 2026-12-20, 20/12/2026 or 20.12.2026. A part that cannot be read is left empty.
 */
public record PromiseToPay(BigDecimal amount, LocalDate date) {

    private static final Pattern AMOUNT = Pattern.compile("amount\\s*[=:]\\s*([^\\s;]+(?:\\s\\d{3})*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("date\\s*[=:]\\s*([^\\s;,]+)", Pattern.CASE_INSENSITIVE);
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT), DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT));

    /** The promise in the notes, or empty when they name neither an amount nor a date that can be read. */
    public static Optional<PromiseToPay> parse(String notes) {
        if (notes == null) {
            return Optional.empty();
        }
        BigDecimal amount = null;
        Matcher a = AMOUNT.matcher(notes);
        if (a.find()) {
            amount = amount(a.group(1));
        }
        LocalDate date = null;
        Matcher d = DATE.matcher(notes);
        if (d.find()) {
            date = date(d.group(1));
        }
        return amount == null && date == null ? Optional.empty() : Optional.of(new PromiseToPay(amount, date));
    }

    static BigDecimal amount(String text) {
        String digits = text.replaceAll("[^0-9.,]", "");
        int comma = digits.lastIndexOf(',');
        int dot = digits.lastIndexOf('.');
        if (comma > dot && digits.length() - comma - 1 <= 2) {
            // "120,50" or "1.200,50": the comma is the decimal mark.
            digits = digits.replace(".", "").replace(',', '.');
        } else {
            digits = digits.replace(",", "");
        }
        if (digits.isEmpty() || digits.chars().filter(c -> c == '.').count() > 1) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(digits);
            return value.scale() > 2 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static LocalDate date(String text) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        return null;
    }
}
