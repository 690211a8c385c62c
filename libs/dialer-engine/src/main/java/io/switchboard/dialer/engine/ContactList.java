package io.switchboard.dialer.engine;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A campaign's contact list from CSV: a header row with a {@code phone} column (any case) and any
 * other columns, which stay with the record for the agent's screen (a name, a debt, an appointment).
 * Numbers are normalised to E.164 with the tenant's region; a row whose number is missing, invalid or
 * a repeat of an earlier row is reported with its line, and the rest of the list is kept.
 */
public final class ContactList {

    public static final int MAX_ROWS = 100_000;
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

    /** One callable record: its E.164 number, its line in the file, and its other columns. */
    public record Entry(long line, String phone, Map<String, String> fields) {
    }

    /** A row that was left out, with its line in the file and why. */
    public record Rejected(long line, String reason) {
    }

    public record Parsed(List<Entry> entries, List<Rejected> rejected) {
    }

    private ContactList() {
    }

    /** @throws IllegalArgumentException when the file has no {@code phone} column or too many rows */
    public static Parsed parse(Reader csv, String defaultRegion) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<Entry> entries = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            String phoneColumn = parser.getHeaderNames().stream().filter(h -> h.toLowerCase(Locale.ROOT).equals("phone")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the list needs a 'phone' column; it has " + parser.getHeaderNames()));
            for (CSVRecord row : parser) {
                if (entries.size() + rejected.size() >= MAX_ROWS) {
                    throw new IllegalArgumentException("a list has at most " + MAX_ROWS + " rows");
                }
                long line = parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    rejected.add(new Rejected(line, "has " + row.size() + " columns, the header " + parser.getHeaderNames().size()));
                    continue;
                }
                String raw = row.get(phoneColumn);
                if (raw == null || raw.isBlank()) {
                    rejected.add(new Rejected(line, "no phone number"));
                    continue;
                }
                String e164;
                try {
                    PhoneNumber number = NUMBERS.parse(raw, defaultRegion);
                    if (!NUMBERS.isValidNumber(number)) {
                        rejected.add(new Rejected(line, "'" + raw + "' is not a valid number"));
                        continue;
                    }
                    e164 = NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                } catch (NumberParseException e) {
                    rejected.add(new Rejected(line, "'" + raw + "' is not a phone number: " + e.getMessage()));
                    continue;
                }
                if (!seen.add(e164)) {
                    rejected.add(new Rejected(line, e164 + " is already on the list"));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (String header : parser.getHeaderNames()) {
                    if (!header.equals(phoneColumn)) {
                        fields.put(header, row.get(header));
                    }
                }
                entries.add(new Entry(line, e164, fields));
            }
        }
        return new Parsed(List.copyOf(entries), List.copyOf(rejected));
    }
}
