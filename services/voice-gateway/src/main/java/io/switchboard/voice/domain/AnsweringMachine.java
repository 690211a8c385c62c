package io.switchboard.voice.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answering-machine detection as the carrier reports it: a header on the 200 OK (by default
 * {@code X-Answered-By}) whose value is one of the machine values (Twilio's {@code AnsweredBy}:
 * {@code machine_start}, {@code machine_end_beep}, {@code fax}, ...). Anything else, or no header, is a person.
 */
public final class AnsweringMachine {

    private final Set<String> machineValues;

    public AnsweringMachine(Set<String> machineValues) {
        this.machineValues = machineValues.stream().map(AnsweringMachine::normal).collect(Collectors.toUnmodifiableSet());
    }

    public boolean detected(Optional<String> answeredBy) {
        return answeredBy.map(AnsweringMachine::normal).filter(machineValues::contains).isPresent();
    }

    private static String normal(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
